import { StepHeading } from '../components/StepHeading'
import { messages } from '../messages'
import { useWizard } from '../store/wizard-store'

export function Backup() {
  const t = messages.backup
  const backup = useWizard((s) => (s.backup?.installationId === s.selectedId ? s.backup : null))
  const busy = useWizard((s) => s.backingUp)
  const take = useWizard((s) => s.takeBackup)
  const startReset = useWizard((s) => s.startReset)
  return (
    <section>
      <StepHeading>{t.title}</StepHeading>
      <p className="lead">{t.body}</p>
      {backup ? (
        <div className="card success" role="status">
          <p>{t.verified(backup.backup.id)}</p>
          <dl className="facts">
            <dt>{t.where}</dt>
            <dd className="mono">{backup.location}</dd>
            <dt>{t.checksum}</dt>
            <dd className="mono">{backup.backup.sha256.slice(0, 16)}…</dd>
          </dl>
        </div>
      ) : null}
      <div className="actions primary-row">
        {backup ? (
          <button type="button" className="primary" onClick={() => void startReset()}>
            {t.continue}
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void take()} disabled={busy}>
            {busy ? t.taking : t.take}
          </button>
        )}
      </div>
    </section>
  )
}
