import { StepHeading } from '../components/StepHeading'
import { messages } from '../messages'
import { useWizard } from '../store/wizard-store'

export function Done() {
  const t = messages.done
  const username = useWizard((s) => s.claim.username)
  const backup = useWizard((s) => s.backup)
  const goTo = useWizard((s) => s.goTo)
  const loadBackups = useWizard((s) => s.loadBackups)
  const startOver = useWizard((s) => s.startOver)
  return (
    <section>
      <StepHeading>{t.title}</StepHeading>
      <p className="lead">{username ? t.signedIn(username) : t.signedInUnknown}</p>
      <p>{t.open}</p>
      {backup ? (
        <p>
          {t.backupAt} <span className="mono">{backup.location}</span>
        </p>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() => {
            void loadBackups()
            goTo('restore')
          }}
        >
          {t.restore}
        </button>
        <button type="button" className="secondary" onClick={startOver}>
          {t.again}
        </button>
      </div>
    </section>
  )
}
