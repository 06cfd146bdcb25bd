import { ActionBar } from '../components/ActionBar'
import { StepHeading } from '../components/StepHeading'
import { useServerLabel } from '../i18n/server-label'
import { useMessages, useTypography, useWorded } from '../i18n/use-messages'
import { useWizard } from '../store/wizard-store'
import { DiagnosisOutcome, useVerdict, VerdictLine } from './DiagnosisOutcome'
import { NeedsPermission } from './NeedsPermission'

export function Diagnosis() {
  const messages = useMessages()
  const wordedOf = useWorded()
  const serverName = useServerLabel()
  const { gap } = useTypography()
  const t = messages.diagnosis
  const server = useWizard((s) => s.installations?.find((i) => i.id === s.selectedId))
  const { openClaim, goTo } = useWizard.getState()
  const verdict = useVerdict()
  if (!server) return null
  const a = server.account
  const signedIn = Boolean(a && a.keysPresent.length > 0)
  const who = a?.username ?? a?.maskedEmail ?? '?'
  if (server.readError?.code === 'NEEDS_PERMISSION') return <NeedsPermission />
  if (server.readError) {
    // Unreadable is not "not signed in": say so, and what to do, instead of sending the user to claim.
    const worded = wordedOf(server.readError.code)
    return (
      <section>
        <StepHeading>{t.title}</StepHeading>
        <VerdictLine verdict="unknown" />
        <div className="card error-panel" role="alert">
          <p className="error-what">{t.unreadable}</p>
          <p>
            <strong>{messages.error.todo}</strong>
            {gap}
            {worded.todo}
          </p>
        </div>
        <ActionBar>
          <button type="button" className="primary" onClick={() => goTo('find')}>
            {t.back}
          </button>
        </ActionBar>
      </section>
    )
  }
  return (
    <section>
      <StepHeading>{t.title}</StepHeading>
      <VerdictLine verdict={signedIn ? verdict : 'claim'} />
      <div className="card">
        <h2 className="card-title">{serverName(server)}</h2>
        <dl className="facts">
          <dt>{t.account}</dt>
          <dd>{a?.username ?? '—'}</dd>
          <dt>{t.email}</dt>
          <dd>{a?.maskedEmail ?? '—'}</dd>
          <dt>{t.token}</dt>
          <dd>{a?.tokenPresent ? t.tokenPresent : t.tokenAbsent}</dd>
          {server.host !== 'this computer' ? (
            <>
              <dt>{t.on}</dt>
              <dd>{server.host}</dd>
            </>
          ) : null}
        </dl>
      </div>
      {!signedIn ? (
        <>
          <p>{t.notSignedIn}</p>
          <ActionBar>
            <button type="button" className="primary" onClick={openClaim}>
              {t.toClaim}
            </button>
          </ActionBar>
        </>
      ) : (
        <DiagnosisOutcome who={who} verdict={verdict} />
      )}
    </section>
  )
}
