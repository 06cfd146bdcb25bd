import { useMessages } from '../i18n/use-messages'
import { useWizard } from '../store/wizard-store'
import { accountName } from './account-name'

/** The "no reset needed" note: Plex Web is the way in, as the account the server has. */
function NoReset({ who }: { readonly who: string }) {
  const messages = useMessages()
  const t = messages.diagnosis
  const plexWeb = useWizard((s) => s.routes?.plexWeb ?? null)
  return (
    <div className="card note-card" role="status">
      <h2 className="card-title">{t.noResetTitle}</h2>
      <p>{t.noReset(who)}</p>
      {plexWeb ? (
        <a className="button primary" href={plexWeb} target="_blank" rel="noopener noreferrer">
          {t.openWeb}
        </a>
      ) : null}
    </div>
  )
}

/**
 * For a signed-in server: what plex.tv says of its sign-in. Revoked: a reset is needed, said
 * plainly; valid: the sharper question, by the account plex.tv names; otherwise the general one.
 */
export function DiagnosisOutcome({ who }: { readonly who: string }) {
  const messages = useMessages()
  const t = messages.diagnosis
  const answer = useWizard((s) => s.canStillSignIn)
  const diagnosis = useWizard((s) => s.diagnosis)
  const { answerDiagnosis } = useWizard.getState()
  const signIn = diagnosis.view?.signIn
  const local = diagnosis.view?.localAccess
  const localNote = local?.inside ? (
    <div className="card note-card" role="note" aria-labelledby="local-access-title">
      <h2 className="card-title" id="local-access-title">
        {t.localTitle}
      </h2>
      <p>{t.local(local.seenAs.join(', '), local.allowedNetworks.join(', '))}</p>
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
        <div className="actions primary-row">
          <button type="button" className="primary" onClick={() => answerDiagnosis(false)}>
            {t.continue}
          </button>
        </div>
      </>
    )
  }
  const named = signIn?.state === 'valid' ? accountName(signIn.account) : null
  return (
    <>
      {diagnosis.status === 'asking' ? (
        <p className="muted" role="status">
          {t.asking}
        </p>
      ) : null}
      {named ? <p>{t.valid(named)}</p> : null}
      {localNote}
      <fieldset className="question">
        <legend>{named ? t.questionValid(named) : t.question(who)}</legend>
        <div className="actions">
          <button type="button" className={answer === true ? 'secondary selected' : 'secondary'} aria-pressed={answer === true} onClick={() => answerDiagnosis(true)}>
            {t.yes}
          </button>
          <button type="button" className="primary" onClick={() => answerDiagnosis(false)}>
            {t.no}
          </button>
        </div>
        {answer === true ? <NoReset who={named ?? who} /> : null}
      </fieldset>
    </>
  )
}
