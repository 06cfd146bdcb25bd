import { APP_VERSION } from '../../core/app-info'
import { detectInstallations } from '../../core/detect/index'
import { pidFileFor, storeFor } from '../../core/installations'
import { restoreBackup } from '../../core/reset/offline'
import { CoreError } from '../../core/result'
import { targetOf } from '../../core/server/control'
import type { StoreTarget } from '../../core/stores/types'
import { describeTarget } from '../../core/stores/types'
import { runRestore } from '../../core/transaction/run'
import type { CliContext } from '../context'
import { UsageError, backupsOf, printJson, requireYes } from '../context'
import { printLog } from '../run-log-output'
import { runContextFor } from '../run-context'
import { portOf } from '../server-target'

const sameTarget = (a: StoreTarget, b: StoreTarget): boolean => describeTarget(a) === describeTarget(b) && a.kind === b.kind

export async function restoreCommand(ctx: CliContext): Promise<number> {
  const id = ctx.args[0]
  if (!id) throw new UsageError('restore needs a backup id: run "plex-reclaim backups" to list them.')
  requireYes(ctx, 'restore')
  const backups = backupsOf(ctx)
  const { manifest } = await backups.get(id)
  if (!ctx.flags['no-service']) return restoreWithService(ctx, id, manifest.target)
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

/** Stops the server of the backup's installation, backs up the current state, restores, starts. */
async function restoreWithService(ctx: CliContext, id: string, target: StoreTarget): Promise<number> {
  const all = await detectInstallations({ host: ctx.host, root: ctx.flags.root ?? '/', docker: !ctx.flags.root })
  const installation = ctx.flags.server ? all.find((i) => i.id === ctx.flags.server) : all.find((i) => sameTarget(i.store, target))
  if (!installation) {
    throw new CoreError('NOT_FOUND', `The server this backup belongs to (${describeTarget(target)}) was not found here. Stop it yourself and run: plex-reclaim restore ${id} --no-service --yes`)
  }
  const result = await runRestore(runContextFor(ctx, installation, targetOf(installation, portOf(ctx))), id)
  await printLog(ctx, result.logPath)
  if (ctx.flags.json) printJson(ctx, { runId: result.runId, outcome: result.outcome, restored: id, preRestoreBackup: result.journal.backupId ?? null })
  else ctx.out(`Restored backup ${id} and started Plex Media Server.${result.journal.backupId ? ` The settings from before are kept as backup ${result.journal.backupId}.` : ''}`)
  return 0
}
