import { ActionBar } from '../components/ActionBar'
import { StepError } from '../components/StepError'
import { StepHeading } from '../components/StepHeading'
import { useServerLabel } from '../i18n/server-label'
import { useFormat, useMessages, useTypography } from '../i18n/use-messages'
import { useWizard } from '../store/wizard-store'

/** The one place the reset starts: what will change, what it costs, and one deliberate button. */
export function Review() {
  const messages = useMessages()
  const when = useFormat().date
  const serverName = useServerLabel()
  const { parens } = useTypography()
  const t = messages.review
  const server = useWizard((s) => s.installations?.find((i) => i.id === s.selectedId))
  const backup = useWizard((s) => s.backup)
  const startReset = useWizard((s) => s.startReset)
  // Settings only the server's account may read: the elevated run takes and checks the backup first.
  const locked = server?.readError?.code === 'NEEDS_PERMISSION'
  if (!server || (!backup && !locked)) return null
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
            {server.host !== 'this computer' ? `${parens[0]}${messages.find.on(server.host)}${parens[1]}` : ''}
          </dd>
          <dt>{t.account}</dt>
          <dd>{who}</dd>
          <dt>{t.backup}</dt>
          <dd>{backup ? t.backupAt(when(backup.backup.createdAt), backup.location) : t.backupInRun}</dd>
        </dl>
      </div>
      <h2 className="section-title">{t.what}</h2>
      <ul className="consequences">
        <li>{t.offline}</li>
        <li>{t.streams}</li>
        <li>{server.controllable ? (locked ? t.promptOnce : t.prompt) : t.manual}</li>
        <li>{t.after}</li>
      </ul>
      <StepError place="review" />
      <ActionBar>
        <button type="button" className="primary" onClick={() => void startReset()}>
          {t.start}
        </button>
      </ActionBar>
    </section>
  )
}
