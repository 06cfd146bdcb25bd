import { StepError } from '../components/StepError'
import { StepHeading } from '../components/StepHeading'
import { useServerLabel } from '../i18n/server-label'
import { useFormat, useMessages } from '../i18n/use-messages'
import { useWizard } from '../store/wizard-store'

/** The one place the reset starts: what will change, what it costs, and one deliberate button. */
export function Review() {
  const messages = useMessages()
  const when = useFormat().date
  const serverName = useServerLabel()
  const t = messages.review
  const server = useWizard((s) => s.installations?.find((i) => i.id === s.selectedId))
  const backup = useWizard((s) => s.backup)
  const startReset = useWizard((s) => s.startReset)
  if (!server || !backup) return null
  const who = server.account?.username ?? server.account?.maskedEmail ?? '—'
  return (
    <section>
      <StepHeading>{t.title}</StepHeading>
      <p className="lead">{t.body}</p>
      <div className="card">
        <dl className="facts">
          <dt>{t.server}</dt>
          <dd>
            {serverName(server)}
            {server.host !== 'this computer' ? ` (${messages.find.on(server.host)})` : ''}
          </dd>
          <dt>{t.account}</dt>
          <dd>{who}</dd>
          <dt>{t.backup}</dt>
          <dd>{t.backupAt(when(backup.backup.createdAt), backup.location)}</dd>
        </dl>
      </div>
      <h2 className="section-title">{t.what}</h2>
      <ul className="consequences">
        <li>{t.offline}</li>
        <li>{t.streams}</li>
        <li>{server.controllable ? (server.readError?.code === 'NEEDS_PERMISSION' ? t.promptOnce : t.prompt) : t.manual}</li>
        <li>{t.after}</li>
      </ul>
      <StepError place="review" />
      <div className="actions primary-row">
        <button type="button" className="primary" onClick={() => void startReset()}>
          {t.start}
        </button>
      </div>
    </section>
  )
}
