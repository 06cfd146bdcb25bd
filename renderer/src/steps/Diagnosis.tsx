import { StepHeading } from '../components/StepHeading'
import { messages } from '../messages'
import { useWizard } from '../store/wizard-store'

export function Diagnosis() {
  const t = messages.diagnosis
  const server = useWizard((s) => s.installations?.find((i) => i.id === s.selectedId))
  const answer = useWizard((s) => s.canStillSignIn)
  const answerDiagnosis = useWizard((s) => s.answerDiagnosis)
  const openClaim = useWizard((s) => s.openClaim)
  if (!server) return null
  const a = server.account
  const signedIn = Boolean(a && a.keysPresent.length > 0)
  const who = a?.username ?? a?.maskedEmail ?? '?'
  return (
    <section>
      <StepHeading>{t.title}</StepHeading>
      <div className="card">
        <h2 className="card-title">{server.label}</h2>
        <dl className="facts">
          <dt>{t.account}</dt>
          <dd>{a?.username ?? '—'}</dd>
          <dt>{t.email}</dt>
          <dd>{a?.maskedEmail ?? '—'}</dd>
          <dt>{t.token}</dt>
          <dd>{a?.tokenPresent ? t.tokenPresent : t.tokenAbsent}</dd>
          <dt>{t.serverId}</dt>
          <dd className="mono">{a?.machineIdentifier ?? '—'}</dd>
        </dl>
      </div>
      {!signedIn ? (
        <>
          <p>{t.notSignedIn}</p>
          <div className="actions primary-row">
            <button type="button" className="primary" onClick={openClaim}>
              {t.toClaim}
            </button>
          </div>
        </>
      ) : (
        <fieldset className="question">
          <legend>{t.question(who)}</legend>
          <div className="actions">
            <button type="button" className={answer === true ? 'secondary selected' : 'secondary'} aria-pressed={answer === true} onClick={() => answerDiagnosis(true)}>
              {t.yes}
            </button>
            <button type="button" className="primary" onClick={() => answerDiagnosis(false)}>
              {t.no}
            </button>
          </div>
          {answer === true ? (
            <div className="card note-card" role="status">
              <h2 className="card-title">{t.noResetTitle}</h2>
              <p>{t.noReset(who)}</p>
            </div>
          ) : null}
        </fieldset>
      )}
    </section>
  )
}
