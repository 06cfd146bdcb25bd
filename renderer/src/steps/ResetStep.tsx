import { ProgressList } from '../components/ProgressList'
import { StepHeading } from '../components/StepHeading'
import { messages } from '../messages'
import { useWizard } from '../store/wizard-store'

const RUN_STEPS = ['preflight', 'backup', 'verify-backup', 'stop', 'verify-stopped', 'remove', 'verify-store', 'start', 'verify-unclaimed']

export function ResetStep() {
  const t = messages.reset
  const run = useWizard((s) => s.run)
  const startReset = useWizard((s) => s.startReset)
  const openClaim = useWizard((s) => s.openClaim)
  return (
    <section aria-busy={run.status === 'running'}>
      <StepHeading>{t.title}</StepHeading>
      <p className="lead">{run.status === 'running' ? t.running : run.status === 'finished' ? t.finished : t.body}</p>
      <ProgressList steps={RUN_STEPS} events={run.events} />
      <div className="actions primary-row">
        {run.status === 'finished' ? (
          <button
            type="button"
            className="primary"
            onClick={openClaim}
          >
            {t.continue}
          </button>
        ) : run.status === 'failed' || run.status === 'idle' ? (
          <button type="button" className="primary" onClick={() => void startReset()}>
            {run.status === 'failed' ? t.retry : t.start}
          </button>
        ) : null}
      </div>
    </section>
  )
}
