import { hostFlag, toErr } from '../../app/index'
import type { CliContext } from '../context'
import { printJson } from '../context'
import type { RecoveryJson } from '../json'

/** --verbose: the run's log (steps, timings, outcomes, exit codes; never a token) on stdout. */
export async function printLog(ctx: CliContext, path: string): Promise<void> {
  if (!ctx.flags.verbose || ctx.flags.json) return
  const text = (await ctx.service.env.local.readFile(path).catch(() => Buffer.from(''))).toString('utf8').trimEnd() // no log for this run: nothing extra to show
  if (text) ctx.out(`--- run log (${path})\n${text}`)
}

function recoveryCommand(kind: 'resume' | 'rollback') {
  return async (ctx: CliContext): Promise<number> => {
    const runs = ctx.service.runs
    const result = kind === 'resume' ? await runs.resume(ctx.args[0]) : await runs.rollback(ctx.args[0])
    await printLog(ctx, result.logPath)
    const json: RecoveryJson = { runId: result.runId, outcome: result.outcome }
    if (ctx.flags.json) printJson(ctx, json)
    else if (kind === 'rollback') ctx.out(`Run ${result.runId} is rolled back: the settings are as they were before it${result.journal.mode === 'service' ? ', and the server is running' : ''}.`)
    else ctx.out(`Run ${result.runId} is finished${result.journal.mode === 'service' ? `: the server is running${result.journal.kind === 'reset' ? ' and unclaimed; claim it now' : ''}` : ''}.`)
    return 0
  }
}

export const resumeCommand = recoveryCommand('resume')
export const rollbackCommand = recoveryCommand('rollback')

/** Said on every start of the CLI while a run is cut off or unreadable, so a stopped server is never forgotten. */
export async function noticeCutOffRuns(ctx: CliContext, err: (line: string) => void): Promise<void> {
  let runs: Awaited<ReturnType<typeof ctx.service.runs.list>>
  try {
    runs = await ctx.service.runs.list()
  } catch (error) {
    return err(`plex-reclaim: ${toErr(error).message}`)
  }
  for (const r of runs) {
    if (r.status === 'unreadable') err(`plex-reclaim: run ${r.runId} cannot be read: ${r.problem}. It is left alone; check ${ctx.service.env.backupDir}.`)
    if (r.status !== 'cut-off') continue
    const j = r.journal
    const host = hostFlag(j.host)
    const at = host ? ` --host ${host}` : ''
    err(`plex-reclaim: a ${j.kind} of ${j.label}${host ? ` on ${host}` : ''} (run ${j.runId}) was cut off after "${j.completed.at(-1) ?? 'the start'}". Finish it: plex-reclaim resume ${j.runId}${at}; or undo it: plex-reclaim rollback ${j.runId}${at}.`)
  }
}
