import { dirname } from 'node:path'
import { APP_VERSION } from '../../core/app-info'
import { pidFileFor, storeFor } from '../../core/installations'
import { resetStore, type ResetOutcome } from '../../core/reset/offline'
import { CoreError } from '../../core/result'
import { assertPlexProcessGone } from '../../core/server/process-gone'
import { sniffKind } from '../../core/stores/inspect-file'
import { describeTarget } from '../../core/stores/types'
import { XmlFileStore } from '../../core/stores/xml-file'
import { runReset } from '../../core/transaction/run'
import type { CliContext } from '../context'
import { printLog } from '../run-log-output'
import { runContextFor } from '../run-context'
import { chosenServer } from '../server-target'
import { UsageError, backupsOf, printJson, requireYes } from '../context'

function report(ctx: CliContext, target: string, outcome: ResetOutcome): void {
  if (ctx.flags.json) return printJson(ctx, { target, ...outcome })
  if (outcome.status === 'nothing-to-remove') return ctx.out(`Nothing to remove: ${target} holds none of the four sign-in keys. Nothing was changed.`)
  if (outcome.status === 'dry-run') return ctx.out(`Dry run: would remove ${outcome.removed.join(', ')} from ${target}. Nothing was changed.`)
  ctx.out(`Removed ${outcome.removed.join(', ')} from ${target}.`)
  ctx.out(`Backup ${outcome.backup!.id} (sha256 ${outcome.backup!.sha256.slice(0, 12)}…, verified).`)
  ctx.out('Start Plex Media Server, then claim it again: plex-reclaim claim --token CLAIM-TOKEN, or open http://127.0.0.1:32400/web on the server.')
}

/** A plist or .reg given to reset --file gets a message about the right command, not about XML. */
async function rethrowForOtherStores(ctx: CliContext, path: string, error: unknown): Promise<never> {
  if (error instanceof CoreError && ['DOCTYPE_REFUSED', 'NOT_PREFERENCES', 'BINARY_FILE', 'UNSUPPORTED_ENCODING'].includes(error.code)) {
    const kind = sniffKind(await ctx.host.readFile(path))
    if (kind !== 'preferences-xml') {
      throw new CoreError('INVALID_INPUT', `${path} is a ${kind} file: reset --file edits a Preferences.xml. On macOS and Windows, run reset on the detected installation instead.`)
    }
  }
  throw error
}

export async function resetCommand(ctx: CliContext): Promise<number> {
  if (!ctx.flags['no-service']) return resetWithService(ctx)
  if (!ctx.flags.file && ctx.flags.server) return resetDetectedStopped(ctx)
  if (!ctx.flags.file) throw new UsageError('reset --no-service needs --server ID (from "plex-reclaim detect") or --file PATH to the Preferences.xml of the stopped server.')
  if (!ctx.flags['dry-run']) requireYes(ctx, 'reset')
  const path = ctx.flags.file
  const store = new XmlFileStore(ctx.host, path, dirname(path))
  const outcome = await resetStore({
    host: ctx.host,
    store,
    backups: backupsOf(ctx),
    provenance: { platform: process.platform, installType: 'folder', appVersion: APP_VERSION },
    pidFile: pidFileFor(store.target),
    dryRun: ctx.flags['dry-run'],
    force: ctx.flags.force
  }).catch((error: unknown) => rethrowForOtherStores(ctx, path, error))
  report(ctx, path, outcome)
  return 0
}

/** --no-service --server ID: a detected store (the Windows registry, a defaults domain) whose server the user stopped. */
async function resetDetectedStopped(ctx: CliContext): Promise<number> {
  if (!ctx.flags['dry-run']) requireYes(ctx, 'reset')
  const { installation } = await chosenServer(ctx)
  // Windows and macOS have no pid file: the process itself must be gone before the edit.
  if (!ctx.flags.force && !ctx.flags['dry-run']) await assertPlexProcessGone(ctx.host, installation.control)
  const outcome = await resetStore({
    host: ctx.host,
    store: storeFor(ctx.host, installation.store),
    backups: backupsOf(ctx),
    provenance: { platform: installation.platform, installType: installation.installType, appVersion: APP_VERSION },
    pidFile: installation.pidFile,
    dryRun: ctx.flags['dry-run'],
    force: ctx.flags.force
  })
  report(ctx, describeTarget(installation.store), outcome)
  return 0
}

/** The whole job, as one journaled run: backup, stop, remove, start, verify claimed="0". */
async function resetWithService(ctx: CliContext): Promise<number> {
  if (ctx.flags.file) throw new UsageError('--file goes with --no-service (a server you stop yourself). To let Plex Reclaim stop and start it, choose it with --server ID.')
  requireYes(ctx, 'reset')
  const { installation, server } = await chosenServer(ctx)
  const result = await runReset(runContextFor(ctx, installation, server))
  await printLog(ctx, result.logPath)
  if (ctx.flags.json) printJson(ctx, { id: installation.id, runId: result.runId, outcome: result.outcome, backupId: result.journal.backupId ?? null, journal: result.journal })
  else if (result.outcome === 'nothing-to-do') ctx.out('Nothing to remove: the server is not signed in to any account. Nothing was changed.')
  else ctx.out(`Done. Claim the server now: plex-reclaim claim --token CLAIM-TOKEN (from https://www.plex.tv/claim), or open Plex Web on the server. Backup: ${result.journal.backupId}.`)
  return 0
}
