import { OwnershipLine } from '../components/OwnershipLine'
import { StepHeading } from '../components/StepHeading'
import { SupportReportButton } from '../components/SupportReportButton'
import { useMessages } from '../i18n/use-messages'
import { useWizard } from '../store/wizard-store'
import { accountName } from './account-name'

export function Done() {
  const messages = useMessages()
  const t = messages.done
  const username = useWizard((s) => s.claim.username)
  const change = useWizard((s) => s.claim.accountChange)
  const backup = useWizard((s) => s.backup)
  const plexWeb = useWizard((s) => s.routes?.plexWeb ?? null)
  const startOver = useWizard((s) => s.startOver)
  return (
    <section>
      <div className="done-head">
        <span className="success-mark" aria-hidden="true">
          ✓
        </span>
        <StepHeading>{t.title}</StepHeading>
      </div>
      <p className="key-fact">{username ? t.signedIn(username) : t.signedInUnknown}</p>
      <OwnershipLine />
      {change ? (
        <div className="card warning" role="note" aria-label={t.changedLabel}>
          <p>{t.changed(accountName(change.newAccount), accountName(change.previousAccount))}</p>
        </div>
      ) : null}
      <p>{t.open}</p>
      <p>{t.notAuthorized}</p>
      <div className="actions primary-row">
        {plexWeb ? (
          <a className="button primary" href={plexWeb} target="_blank" rel="noopener noreferrer">
            {t.openWeb}
          </a>
        ) : null}
        <button type="button" className="secondary" onClick={startOver}>
          {t.again}
        </button>
      </div>
      <SupportReportButton />
      {backup ? (
        <p className="backup-note">
          {t.backupAt} <span className="mono">{backup.location}</span>. {t.restoreHint}
        </p>
      ) : null}
    </section>
  )
}
