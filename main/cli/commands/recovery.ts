import { JournalStore, runsDirOf, type Journal } from '../../core/transaction/journal'
import { resumeRun, rollbackRun } from '../../core/transaction/run'
import { CoreError } from '../../core/result'
import type { CliContext } from '../context'
import { printJson } from '../context'
import { printLog } from '../run-log-output'
import { backupDirOf, runContextFromJournal } from '../run-context'

async function cutOffRun(ctx: CliContext): Promise<Journal> {
  const unfinished = await new JournalStore(runsDirOf(backupDirOf(ctx)), ctx.local).unfinished()
  const wanted = ctx.args[0]
  const journal = wanted ? unfinished.find((j) => j.runId === wanted) : unfinished[0]
  if (!journal) throw new CoreError('NOT_FOUND', wanted ? `No unfinished run ${wanted}.` : 'No run was cut off: there is nothing to resume or roll back.')
  if (!wanted && unfinished.length > 1) {
    throw new CoreError('INVALID_INPUT', `${unfinished.length} runs were cut off (${unfinished.map((j) => j.runId).join(', ')}). Name one: plex-reclaim resume RUN_ID.`)
  }
  return journal
}

function recoveryCommand(kind: 'resume' | 'rollback') {
  return async (ctx: CliContext): Promise<number> => {
    const journal = await cutOffRun(ctx)
    const run = runContextFromJournal(ctx, journal)
    const result = kind === 'resume' ? await resumeRun(run, journal) : await rollbackRun(run, journal)
    await printLog(ctx, result.logPath)
    if (ctx.flags.json) printJson(ctx, { runId: result.runId, outcome: result.outcome, journal: result.journal })
    else ctx.out(kind === 'resume' ? `Run ${journal.runId} is finished: the server is running${journal.kind === 'reset' ? ' and unclaimed; claim it now' : ''}.` : `Run ${journal.runId} is rolled back: the settings are as they were before it, and the server is running.`)
    return 0
  }
}

export const resumeCommand = recoveryCommand('resume')
export const rollbackCommand = recoveryCommand('rollback')

/** Said on every start of the CLI while a run is cut off, so a stopped server is never forgotten. */
export async function noticeCutOffRuns(ctx: CliContext, err: (line: string) => void): Promise<void> {
  const unfinished = await new JournalStore(runsDirOf(backupDirOf(ctx)), ctx.local).unfinished().catch(() => [])
  for (const j of unfinished) {
    err(`plex-reclaim: a ${j.kind} of ${j.label} (run ${j.runId}) was cut off after "${j.completed.at(-1) ?? 'the start'}". Finish it: plex-reclaim resume ${j.runId}; or undo it: plex-reclaim rollback ${j.runId}.`)
  }
}
