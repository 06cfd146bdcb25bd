import { ActionBar } from '../components/ActionBar'
import { ProgressList } from '../components/ProgressList'
import { StepError } from '../components/StepError'
import { StepHeading } from '../components/StepHeading'
import { useMessages } from '../i18n/use-messages'
import { useWizard } from '../store/wizard-store'
import { RESET_STEPS, RESTORE_STEPS } from '../store/run-steps'

/** Shows a run (a reset, or a cut-off run being finished or undone): it never starts one. */
export function ResetStep() {
  const messages = useMessages()
  const t = messages.reset
  const run = useWizard((s) => s.run)
  const { openClaim, goTo } = useWizard.getState()
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
        <ProgressList steps={restorePlan ? RESTORE_STEPS : RESET_STEPS} labels={restorePlan ? messages.restore.steps : t.steps} events={run.events} phase={run.status} standing={run.standing} restore={restore} />
      ) : null}
      <ActionBar>
        {run.status === 'finished' && !restore && outcome !== 'rolled-back' ? (
          <button type="button" className="primary" onClick={openClaim}>
            {t.continue}
          </button>
        ) : run.status === 'failed' && run.action === 'run' ? (
          <button type="button" className="primary" onClick={() => goTo('review')}>
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
