import { useEffect, useState } from 'react'
import { CopyButton } from '../components/CopyButton'
import { StepHeading } from '../components/StepHeading'
import { messages } from '../messages'
import { useWizard } from '../store/wizard-store'

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

export function Claim() {
  const t = messages.claim
  const routes = useWizard((s) => s.routes)
  const claim = useWizard((s) => s.claim)
  const demo = useWizard((s) => s.info?.demo ?? false)
  const { openedClaimPage, setToken, submitClaim: submit, demoToken, loadRoutes, signIn, cancelSignIn } = useWizard.getState()
  const now = useNow(claim.openedAt !== null)
  useEffect(() => {
    if (!routes) void loadRoutes()
  }, [routes, loadRoutes])
  const left = claim.openedAt !== null && routes ? routes.tokenLifetimeMs - (now - claim.openedAt) : null
  return (
    <section>
      <StepHeading>{t.title}</StepHeading>
      <p className="lead">{t.body}</p>
      <div className="card">
        <h2 className="card-title">{t.signInTitle}</h2>
        <p>{t.signInBody}</p>
        {claim.status === 'signing-in' ? (
          <div className="inline">
            <p role="status">{t.signingIn}</p>
            <button type="button" className="secondary" onClick={() => void cancelSignIn()}>
              {t.cancel}
            </button>
          </div>
        ) : (
          <button type="button" className="primary" onClick={() => void signIn()} disabled={claim.status === 'claiming'}>
            {t.signIn}
          </button>
        )}
      </div>
      <div className="card">
        <h2 className="card-title">{t.tokenTitle}</h2>
        <p>
          <a href={routes?.claimUrl ?? 'https://www.plex.tv/claim'} target="_blank" rel="noopener noreferrer" onClick={openedClaimPage}>
            {t.getToken}
          </a>{' '}
          {t.lifetime}
        </p>
        {left !== null ? <p className="muted" aria-live="off">{left > 0 ? t.remaining(mmss(left)) : t.expired}</p> : null}
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
        {demo ? (
          <button type="button" className="secondary" onClick={() => void demoToken()}>
            {t.demoToken}
          </button>
        ) : null}
      </div>
      {routes ? (
        <>
          <div className="card">
            <h2 className="card-title">{t.webTitle}</h2>
            <p>
              <a href={routes.plexWeb} target="_blank" rel="noopener noreferrer">
                {t.web}
              </a>
            </p>
            <p className="muted">{routes.note}</p>
          </div>
          <div className="card">
            <h2 className="card-title">{t.tunnelTitle}</h2>
            <p>{t.tunnel}</p>
            <div className="inline">
              <code className="command">{routes.sshTunnel}</code>
              <CopyButton text={() => routes.sshTunnel.split('   ')[0]!} label={t.copy} copiedLabel={t.copied} />
            </div>
          </div>
        </>
      ) : null}
    </section>
  )
}
