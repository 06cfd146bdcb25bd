import type { CliContext } from '../context'
import { UsageError, printJson, requireYes } from '../context'
import type { RestoreJson } from '../json'
import { printLog } from './recovery'

/** Puts a backup back on the machine and into the store it was taken of (checked, never trusted). */
export async function restoreCommand(ctx: CliContext): Promise<number> {
  const id = ctx.args[0]
  if (!id) throw new UsageError('restore needs a backup id: run "plex-reclaim backups" to list them.')
  requireYes(ctx, 'restore')
  const service = !ctx.flags['no-service']
  const { result, restored, preRestore } = await ctx.service.restore(id, { mode: service ? 'service' : 'none', force: ctx.flags.force, serverId: ctx.flags.server })
  await printLog(ctx, result.logPath)
  const json: RestoreJson = { runId: result.runId, restored, preRestoreBackup: preRestore }
  if (ctx.flags.json) printJson(ctx, json)
  else {
    ctx.out(`Restored backup ${id}${service ? ' and started Plex Media Server' : ''}.${preRestore ? ` What was there before is kept as backup ${preRestore.id}.` : ''}`)
    if (!service) ctx.out('Start Plex Media Server yourself now.')
  }
  return 0
}
