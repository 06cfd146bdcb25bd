import { ActionBar } from '../components/ActionBar'
import { StepHeading } from '../components/StepHeading'
import { useMessages } from '../i18n/use-messages'
import { useWizard } from '../store/wizard-store'

/**
 * Settings only root may read (a .deb's plex:plex 0600): one password prompt runs the whole reset,
 * its backup included. Like every reset, it starts from the Review step, never from here.
 */
export function NeedsPermission() {
  const messages = useMessages()
  const t = messages.diagnosis
  const { goTo, openClaim } = useWizard.getState()
  return (
    <section>
      <StepHeading>{t.title}</StepHeading>
      <div className="card">
        <p>{t.needsPermission}</p>
        <p className="muted">{t.needsPermissionClaim}</p>
      </div>
      <ActionBar>
        <button type="button" className="primary" onClick={() => goTo('review')}>
          {messages.backup.continue}
        </button>
        <button type="button" className="secondary" onClick={openClaim}>
          {t.toClaim}
        </button>
      </ActionBar>
    </section>
  )
}
