import { claimAgainHint, type BackupManifest, type Known, type RunResult } from '../../app/index'
import type { CliContext } from '../context'
import { UsageError, chosen, printJson, requireYes } from '../context'
import { resetJson } from '../json'
import { printLog } from './recovery'
import { shown } from '../format'

async function backupOf(ctx: CliContext, result: RunResult | null): Promise<BackupManifest | null> {
  const id = result?.outcome === 'finished' ? result.journal.backupId : undefined
  // A run done by the elevated helper keeps its backup in root's folder: named, not listed here.
  return id ? ((await ctx.service.runs.backups.get(id).catch(() => null))?.manifest ?? null) : null
}

async function report(ctx: CliContext, k: Known, result: RunResult, service: boolean): Promise<number> {
  await printLog(ctx, result.logPath)
  const target = shown(k.installation.store.kind === 'preferences-xml' ? k.installation.store.path : k.installation.label)
  const backup = await backupOf(ctx, result)
  const nothing = result.outcome === 'nothing-to-do'
  if (ctx.flags.json) {
    printJson(ctx, resetJson(k, result, { status: nothing ? 'nothing-to-remove' : 'removed', removed: result.removed, account: k.installation.account, backup, claimed: service && !nothing ? false : null }))
  } else if (nothing) ctx.out(`Nothing to remove: ${target} holds none of the four sign-in keys. Nothing was changed.`)
  else if (service) ctx.out(`Done. Claim the server now: ${claimAgainHint(k.installation.platform)} Backup: ${backup?.id ?? result.journal.backupId}.`)
  else {
    ctx.out(`Removed ${result.removed.join(', ') || 'the sign-in'} from ${target}.`)
    if (backup) ctx.out(`Backup ${backup.id} (sha256 ${backup.sha256.slice(0, 12)}…, verified).`)
    ctx.out(`Start Plex Media Server, then claim it again: ${claimAgainHint(k.installation.platform)}`)
  }
  return 0
}

/** reset: the whole job as one journaled run; --no-service when the user stops and starts the server. */
export async function resetCommand(ctx: CliContext): Promise<number> {
  const { flags } = ctx
  if (flags.file && !flags['no-service']) throw new UsageError('--file goes with --no-service (a server you stop yourself). To let Plex Reclaim stop and start it, choose it with --server ID.')
  if (flags['dry-run'] && !flags.file) throw new UsageError('--dry-run goes with --file PATH --no-service.')
  if (!flags['dry-run']) requireYes(ctx, 'reset')
  if (flags.file) {
    const { known, result, dry } = await ctx.service.resetFile(flags.file, { dryRun: flags['dry-run'], force: flags.force, entry: ctx.entry })
    if (dry) {
      if (flags.json) printJson(ctx, resetJson(known, null, { status: dry.removed.length ? 'dry-run' : 'nothing-to-remove', removed: dry.removed, account: dry.account, backup: null, claimed: null }))
      else ctx.out(dry.removed.length ? `Dry run: would remove ${dry.removed.join(', ')} from ${shown(flags.file)}. Nothing was changed.` : `Nothing to remove: ${shown(flags.file)} holds none of the four sign-in keys. Nothing was changed.`)
      return 0
    }
    return report(ctx, known, result!, false)
  }
  const k = await chosen(ctx)
  const service = !flags['no-service']
  return report(ctx, k, await ctx.service.reset(k, { mode: service ? 'service' : 'none', force: flags.force }), service)
}
