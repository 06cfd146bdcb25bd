import { ActionBar } from '../components/ActionBar'
import { useState } from 'react'
import type { CutOffRun } from '../../../preload/contract'
import { Dialog } from '../components/Dialog'
import { EarlierRun } from '../components/EarlierRun'
import { StepError } from '../components/StepError'
import { StepHeading } from '../components/StepHeading'
import { runServerLabel } from '../i18n/server-label'
import { useFormat, useMessages } from '../i18n/use-messages'
import { useWizard } from '../store/wizard-store'

export function Welcome() {
  const messages = useMessages()
  const when = useFormat().date
  const t = messages.welcome
  const cutOff = useWizard((s) => s.cutOff)
  const goTo = useWizard((s) => s.goTo)
  const finish = useWizard((s) => s.finishCutOff)
  const [undoing, setUndoing] = useState<CutOffRun | null>(null)
  return (
    <section>
      <StepHeading>{t.title}</StepHeading>
      <p className="lead">{t.body}</p>
      <ul className="reassurance">
        <li>{t.kept}</li>
        <li>{t.keepPreferences}</li>
        <li>{t.time}</li>
      </ul>
      {cutOff.map((run) => (
        <div key={run.runId} className="card warning">
          <p>{t.cutOff(run.kind, runServerLabel(run, messages.servers), run.lastStep ? (messages.reset.steps[run.lastStep] ?? null) : null)}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void finish(run.runId, 'resume')}>
              {t.finish}
            </button>
            <button type="button" className="secondary" onClick={() => setUndoing(run)}>
              {t.undo}
            </button>
          </div>
        </div>
      ))}
      <EarlierRun />
      <StepError place="welcome" />
      <ActionBar>
        <button type="button" className={cutOff.length ? 'secondary' : 'primary'} onClick={() => goTo('find')}>
          {t.start}
        </button>
      </ActionBar>
      {undoing ? (
        <Dialog title={t.undoTitle} onCancel={() => setUndoing(null)}>
          <p>{t.undoBody(undoing.backup ? when(undoing.backup.createdAt) : null, undoing.backup?.account ?? null)}</p>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setUndoing(null)}>
              {t.cancel}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => {
                setUndoing(null)
                void finish(undoing.runId, 'rollback')
              }}
            >
              {t.undoYes}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  )
}
