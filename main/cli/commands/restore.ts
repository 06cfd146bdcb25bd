import { APP_VERSION } from '../../core/app-info'
import { pidFileFor, storeFor } from '../../core/installations'
import { restoreBackup } from '../../core/reset/offline'
import { describeTarget } from '../../core/stores/types'
import type { CliContext } from '../context'
import { UsageError, backupsOf, printJson, requireYes } from '../context'

export async function restoreCommand(ctx: CliContext): Promise<number> {
  const id = ctx.args[0]
  if (!id) throw new UsageError('restore needs a backup id: run "plex-reclaim backups" to list them.')
  if (!ctx.flags['no-service']) {
    throw new UsageError('This build restores for a stopped server only: stop Plex Media Server, then run restore ID --no-service --yes.')
  }
  requireYes(ctx, 'restore')
  const backups = backupsOf(ctx)
  const { manifest } = await backups.get(id)
  const outcome = await restoreBackup({
    host: ctx.host,
    store: storeFor(ctx.host, manifest.target),
    backups,
    id,
    provenance: { platform: manifest.platform, installType: manifest.installType, appVersion: APP_VERSION },
    pidFile: pidFileFor(manifest.target),
    force: ctx.flags.force
  })
  if (ctx.flags.json) printJson(ctx, outcome)
  else {
    ctx.out(`Restored backup ${id} to ${describeTarget(manifest.target)}.`)
    if (outcome.preRestoreBackup) ctx.out(`What was there before is kept as backup ${outcome.preRestoreBackup.id}.`)
  }
  return 0
}
