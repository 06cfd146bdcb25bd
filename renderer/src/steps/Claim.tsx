import { useEffect, useState } from 'react'
import { CopyButton } from '../components/CopyButton'
import { StepError } from '../components/StepError'
import { StepHeading } from '../components/StepHeading'
import { useMessages } from '../i18n/use-messages'
import { signedIn } from '../store/steps'
import { useWizard } from '../store/wizard-store'
import { AccountChange } from './AccountChange'
import { accountName } from './account-name'

const mmss = (ms: number): string => `${Math.floor(ms / 60000)}:${String(Math.floor((ms % 60000) / 1000)).padStart(2, '0')}`

/** Ticks once a second while a claim code is counting down. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [active])
  return now
}

/** Main's tunnel line carries an English note after the command; only the command and the address are shown. */
const tunnelParts = (line: string): { readonly command: string; readonly url: string | null } => ({
  command: line.split('   ')[0]!,
  url: /https?:\/\/localhost:\d+\/web/.exec(line)?.[0] ?? null
})

export function Claim() {
  const messages = useMessages()
  const t = messages.claim
  const routes = useWizard((s) => s.routes)
  const claim = useWizard((s) => s.claim)
  const demo = useWizard((s) => s.info?.demo ?? false)
  const server = useWizard((s) => s.installations?.find((i) => i.id === s.selectedId) ?? null)
  const restored = useWizard((s) => s.finished?.kind === 'restore' && s.finished.installationId === s.selectedId)
  const { openedClaimPage, setToken, submitClaim: submit, demoToken, loadRoutes, loadPreviousAccount, signIn, cancelSignIn, resetAgain } = useWizard.getState()
  const now = useNow(claim.openedAt !== null)
  useEffect(() => {
    if (!routes) void loadRoutes()
  }, [routes, loadRoutes])
  useEffect(() => {
    void loadPreviousAccount()
  }, [loadPreviousAccount])
  const tunnel = tunnelParts(routes?.sshTunnel ?? '')
  const left = claim.openedAt !== null && routes ? routes.tokenLifetimeMs - (Math.max(now, claim.openedAt) - claim.openedAt) : null
  const remote = server !== null && server.host !== 'this computer'
  // PMS signs itself in from Plex Web on Windows and macOS; elsewhere Sign in with Plex is the way.
  const webFirst = !remote && (server?.platform === 'windows' || server?.platform === 'macos')
  const signInCard = (
    <div className="card">
      <h2 className="card-title">
        {t.signInTitle} {!webFirst ? <span className="tag">{t.recommended}</span> : null}
      </h2>
      <p>{t.signInBody}</p>
      {claim.status === 'confirming' && claim.accountChange ? (
        <AccountChange change={claim.accountChange} />
      ) : claim.status === 'signing-in' ? (
        <div className="inline">
          <p role="status">{t.signingIn}</p>
          <button type="button" className="secondary" onClick={() => void cancelSignIn()}>
            {t.cancel}
          </button>
        </div>
      ) : (
        <button type="button" className={webFirst ? 'secondary' : 'primary'} onClick={() => void signIn()} disabled={claim.status !== 'idle'}>
          {t.signIn}
        </button>
      )}
    </div>
  )
  // The server says it is signed in (after a restore, or a claim): it cannot be claimed until it is reset.
  if (signedIn(server) && server?.account) {
    const who = accountName(server.account)
    return (
      <section>
        <StepHeading>{t.title}</StepHeading>
        <p className="key-fact">{restored ? messages.afterRun.restoredAs(who) : messages.afterRun.signedInAs(who)}</p>
        <div className="actions primary-row">
          <button type="button" className="primary" onClick={resetAgain}>
            {messages.afterRun.resetAgain}
          </button>
        </div>
      </section>
    )
  }
  return (
    <section>
      <StepHeading>{t.title}</StepHeading>
      <p className="lead">{t.body}</p>
      {routes?.localClaimUnconfirmed ? <p className="muted">{t.localClaimUnconfirmed}</p> : null}
      {webFirst && routes ? (
        <div className="card">
          <h2 className="card-title">
            {t.webTitle} <span className="tag">{t.recommended}</span>
          </h2>
          <p>{t.webRecommendedBody}</p>
          <a className="button primary" href={routes.plexWeb} target="_blank" rel="noopener noreferrer">
            {t.web}
          </a>
        </div>
      ) : null}
      {signInCard}
      <div className="card">
        <h2 className="card-title">{t.tokenTitle}</h2>
        <p>
          <a href={routes?.claimUrl ?? 'https://www.plex.tv/claim'} target="_blank" rel="noopener noreferrer" onClick={openedClaimPage}>
            {t.getToken}
          </a>
          {t.getTokenEnd} {t.lifetime}
        </p>
        {claim.previousAccount ? <p className="muted">{t.previous(accountName(claim.previousAccount))}</p> : null}
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void submit()
          }}
        >
          <label htmlFor="claim-token">{t.tokenLabel}</label>
          <p id="claim-token-hint" className="muted">
            {t.tokenHint}
          </p>
          <div className="inline">
            <input id="claim-token" aria-describedby="claim-token-hint" autoComplete="off" spellCheck={false} value={claim.token} onChange={(e) => setToken(e.target.value)} placeholder="claim-…" />
            <button type="submit" className="secondary" disabled={!claim.token.trim() || claim.status !== 'idle'}>
              {claim.status === 'claiming' ? t.claiming : t.submit}
            </button>
          </div>
        </form>
        {left !== null ? (
          <p className="muted" aria-live="off">
            {left > 0 ? t.remaining(mmss(left)) : t.expired}
          </p>
        ) : null}
        <StepError place="claim" />
        {demo ? (
          <button type="button" className="secondary" onClick={() => void demoToken()}>
            {t.demoToken}
          </button>
        ) : null}
      </div>
      {remote && routes ? (
        <div className="card">
          <h2 className="card-title">{t.tunnelTitle}</h2>
          <p>{t.tunnel}</p>
          <div className="inline">
            <code className="command">{tunnel.command}</code>
            <CopyButton text={() => tunnel.command} label={t.copy} copiedLabel={t.copied} />
          </div>
          {tunnel.url ? (
            <p>
              <code>{tunnel.url}</code>
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
