import { StepHeading } from '../components/StepHeading'
import { messages } from '../messages'
import { useWizard } from '../store/wizard-store'

export function Welcome() {
  const t = messages.welcome
  const cutOff = useWizard((s) => s.cutOff)
  const goTo = useWizard((s) => s.goTo)
  const detect = useWizard((s) => s.detect)
  const finish = useWizard((s) => s.finishCutOff)
  return (
    <section>
      <StepHeading>{t.title}</StepHeading>
      <p className="lead">{t.body}</p>
      <ul className="reassurance">
        <li>{t.kept}</li>
        <li>{t.time}</li>
      </ul>
      {cutOff.map((run) => (
        <div key={run.runId} className="card warning">
          <p>{t.cutOff(run.kind, run.label, run.lastStep)}</p>
          <div className="actions">
            <button type="button" onClick={() => void finish(run.runId, 'resume')}>
              {t.finish}
            </button>
            <button type="button" className="secondary" onClick={() => void finish(run.runId, 'rollback')}>
              {t.undo}
            </button>
          </div>
        </div>
      ))}
      <div className="actions primary-row">
        <button
          type="button"
          className="primary"
          onClick={() => {
            goTo('find')
            void detect()
          }}
        >
          {t.start}
        </button>
      </div>
    </section>
  )
}
