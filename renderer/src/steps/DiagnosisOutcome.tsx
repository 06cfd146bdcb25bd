import { ActionBar } from '../components/ActionBar'
import { useMessages } from '../i18n/use-messages'
import { useWizard } from '../store/wizard-store'
import { accountName } from './account-name'

/** The verdict, in one line, before the evidence: what the user should do, as far as Plex Reclaim can tell. */
export type Verdict = 'reset' | 'try' | 'unknown' | 'claim' | 'asking'

export function VerdictLine({ verdict }: { readonly verdict: Verdict }) {
  const messages = useMessages()
  const t = messages.screens
  const text = { reset: t.verdictReset, try: t.verdictTry, unknown: t.verdictUnknown, claim: t.verdictClaim, asking: messages.diagnosis.asking }[verdict]
  return (
    <p className={`verdict verdict-${verdict}`} role="status">
      {text}
    </p>
  )
}

/** What the diagnosis view says, as a verdict: plex.tv's answer first, then the local access. */
export function useVerdict(): Verdict {
  const { status, view } = useWizard((s) => s.diagnosis)
  if (status === 'asking') return 'asking'
  if (view?.signIn.state === 'revoked' || view?.signIn.state === 'claim-needed') return 'reset'
  if (view?.signIn.state === 'valid' || view?.localAccess?.inside) return 'try'
  return 'unknown'
}

/** The "no reset needed" note: Plex Web is the way in, as the account the server has. */
function NoReset({ who }: { readonly who: string }) {
  const t = useMessages().diagnosis
  return (
    <div className="card note-card" role="status">
      <h2 className="card-title">{t.noResetTitle}</h2>
      <p>{t.noReset(who)}</p>
    </div>
  )
}

/**
 * For a signed-in server: the evidence under the verdict. Revoked: a reset is needed, said
 * plainly; otherwise the question, by the account plex.tv names, with the weight on trying Plex
 * Web first when plex.tv still accepts the sign-in (or this computer may get in without one).
 */
export function DiagnosisOutcome({ who, verdict }: { readonly who: string; readonly verdict: Verdict }) {
  const messages = useMessages()
  const t = messages.diagnosis
  const answer = useWizard((s) => s.canStillSignIn)
  const diagnosis = useWizard((s) => s.diagnosis)
  const plexWeb = useWizard((s) => s.routes?.plexWeb ?? null)
  const { answerDiagnosis } = useWizard.getState()
  const signIn = diagnosis.view?.signIn
  const local = diagnosis.view?.localAccess
  const localNote = local?.inside ? (
    <div className="card note-card" role="note" aria-labelledby="local-access-title">
      <h2 className="card-title" id="local-access-title">
        {t.localTitle}
      </h2>
      <p>{messages.screens.local}</p>
    </div>
  ) : null
  if (signIn?.state === 'revoked' || signIn?.state === 'claim-needed') {
    return (
      <>
        <div className="card warning" role="status">
          <h2 className="card-title">{signIn.state === 'revoked' ? t.revokedTitle : t.claimNeededTitle}</h2>
          <p>{signIn.state === 'revoked' ? t.revoked(who) : t.claimNeeded}</p>
        </div>
        {localNote}
        <ActionBar>
          <button type="button" className="primary" onClick={() => answerDiagnosis(false)}>
            {t.continue}
          </button>
        </ActionBar>
      </>
    )
  }
  const named = signIn?.state === 'valid' ? accountName(signIn.account) : null
  const weightOnTrying = verdict === 'try'
  return (
    <>
      {named ? <p>{t.valid(named)}</p> : null}
      {localNote}
      <p id="diagnosis-question" className="question strong">
        {named ? t.questionValid(named) : t.question(who)}
      </p>
      {answer === true ? <NoReset who={named ?? who} /> : null}
      <ActionBar>
        <button type="button" className="secondary" aria-describedby="diagnosis-question" onClick={() => answerDiagnosis(false)}>
          {t.no}
        </button>
        {answer === true && plexWeb ? (
          <a className="button primary" href={plexWeb} target="_blank" rel="noopener noreferrer">
            {t.openWeb}
          </a>
        ) : answer === true ? null : (
          <button type="button" className={weightOnTrying ? 'primary' : 'secondary'} aria-describedby="diagnosis-question" onClick={() => answerDiagnosis(true)}>
            {t.yes}
          </button>
        )}
      </ActionBar>
    </>
  )
}
