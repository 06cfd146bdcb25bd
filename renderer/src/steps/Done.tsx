import { ActionBar } from '../components/ActionBar'
import { OwnershipLine } from '../components/OwnershipLine'
import { StepHeading } from '../components/StepHeading'
import { SupportReportButton } from '../components/SupportReportButton'
import { useMessages } from '../i18n/use-messages'
import { signedIn } from '../store/steps'
import { useWizard } from '../store/wizard-store'
import { accountName } from './account-name'

/**
 * Where things ended, in the server's own words: after a claim, who it is signed in as (read
 * again after the claim); after a restore, the account that is back and the way back in.
 */
export function Done() {
  const messages = useMessages()
  const t = messages.done
  const a = messages.afterRun
  const server = useWizard((s) => s.installations?.find((i) => i.id === s.selectedId) ?? null)
  const restored = useWizard((s) => s.finished?.kind === 'restore')
  const change = useWizard((s) => (s.finished?.kind === 'claim' ? s.claim.accountChange : null))
  // The reset's own record says where its backup is (read by main after the run).
  const kept = useWizard((s) => (s.run.kind === 'reset' && s.run.status === 'finished' && s.run.installationId === s.selectedId ? s.run.standing : null))
  const plexWeb = useWizard((s) => s.routes?.plexWeb ?? null)
  const { startOver, resetAgain, goTo } = useWizard.getState()
  // Settings only root may read cannot be read again: then the claim's own answer names the account.
  const claimedAs = useWizard((s) => (s.finished?.kind === 'claim' ? s.claim.username : null))
  const who = signedIn(server) && server?.account ? accountName(server.account) : server && !server.account ? claimedAs : null
  const backIn = !restored && who !== null
  return (
    <section>
      <div className="done-head">
        {backIn ? (
          <span className="success-mark" aria-hidden="true">
            ✓
          </span>
        ) : null}
        {/* "You are back in" only on the server's word: who it is signed in as now. */}
        <StepHeading>{restored ? a.backIn : backIn ? t.title : t.titleUnconfirmed}</StepHeading>
      </div>
      <p className="key-fact">{restored ? (who ? a.restoredAs(who) : a.restoredNone) : who ? t.signedIn(who) : t.signedInUnknown}</p>
      {backIn ? <OwnershipLine /> : null}
      {change ? (
        <div className="card warning" role="note" aria-label={t.changedLabel}>
          <p>{t.changed(accountName(change.newAccount), accountName(change.previousAccount))}</p>
        </div>
      ) : null}
      {backIn && who !== null ? (
        <>
          <p>{t.open(who)}</p>
          <p>{t.notAuthorized}</p>
        </>
      ) : null}
      <ActionBar>
        {restored ? (
          <button type="button" className="primary" onClick={who ? resetAgain : () => goTo('claim')}>
            {who ? a.resetAgain : a.toClaim}
          </button>
        ) : plexWeb ? (
          <a className="button primary" href={plexWeb} target="_blank" rel="noopener noreferrer">
            {t.openWeb}
          </a>
        ) : null}
        <button type="button" className="secondary" onClick={startOver}>
          {t.again}
        </button>
      </ActionBar>
      <SupportReportButton />
      {kept?.backupId && !restored ? (
        <p className="backup-note">
          {t.backupAt} <span className="mono">{kept.backupDir}</span>. {t.restoreHint}
        </p>
      ) : null}
    </section>
  )
}
