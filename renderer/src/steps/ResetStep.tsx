import { ActionBar } from '../components/ActionBar'
import { RESET_STEP_IDS, RESTORE_STEP_IDS } from '../../../preload/contract'
import { ProgressList } from '../components/ProgressList'
import { StepError } from '../components/StepError'
import { StepHeading } from '../components/StepHeading'
import { useMessages } from '../i18n/use-messages'
import { availability, signedIn } from '../store/steps'
import { useWizard } from '../store/wizard-store'
import { accountName } from './account-name'

/** Shows a run (a reset, or a cut-off run being finished or undone): it never starts one. */
export function ResetStep() {
  const messages = useMessages()
  const t = messages.reset
  const run = useWizard((s) => s.run)
  // What the server says now: after a claim (or a sign-in elsewhere) the run's "ready to be claimed" no longer holds.
  const server = useWizard((s) => s.installations?.find((i) => i.id === s.run.installationId) ?? null)
  const { openClaim, goTo } = useWizard.getState()
  const claimedSince = run.status === 'finished' && signedIn(server)
  const restore = run.kind === 'restore'
  // An undo runs the restore plan (back to the run's own backup), whatever the run was.
  const restorePlan = restore || run.action === 'rollback'
  const title = run.action === 'resume' ? t.titleResume : run.action === 'rollback' ? t.titleRollback : t.title
  const outcome = run.result?.outcome
  const lead =
    run.status === 'running'
      ? t.running
      : run.status === 'failed'
        ? t.failed
        : run.status === 'idle'
          ? t.idle
          : outcome === 'rolled-back'
            ? t.rolledBack
            : claimedSince && server?.account
              ? messages.afterRun.signedInAs(accountName(server.account))
              : restore
              ? t.restoreFinished
              : outcome === 'nothing-to-do'
                ? t.nothingToDo
                : t.finished
  return (
    <section aria-busy={run.status === 'running'}>
      <StepHeading>{title}</StepHeading>
      <p className={run.status === 'finished' ? 'lead strong' : 'lead'}>{lead}</p>
      <StepError place="reset" />
      {run.status !== 'idle' ? (
        <ProgressList steps={restorePlan ? RESTORE_STEP_IDS : RESET_STEP_IDS} labels={restorePlan ? messages.restore.steps : t.steps} events={run.events} phase={run.status} standing={run.standing} restore={restore} />
      ) : null}
      <ActionBar>
        {run.status === 'finished' && !restore && outcome !== 'rolled-back' && !claimedSince ? (
          <button type="button" className="primary" onClick={openClaim}>
            {t.continue}
          </button>
        ) : run.status === 'failed' && run.action === 'run' ? (
          <button type="button" className="primary" onClick={() => goTo(availability(useWizard.getState()).review ? 'review' : 'backup')}>
            {t.retry}
          </button>
        ) : run.status === 'finished' || run.status === 'failed' ? (
          <button type="button" className="secondary" onClick={() => goTo('welcome')}>
            {messages.steps.welcome}
          </button>
        ) : null}
      </ActionBar>
    </section>
  )
}
