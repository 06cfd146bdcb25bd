import { openBackupFolder } from '../backups/folder-trust'
import { hostFlag, sameHost } from '../host/host-ref'
import { loadHive, unloadHive } from '../stores/registry-hive'
import { CoreError } from '../result'
import type { RunContext, RunResult } from './context'
import { newRunId, type Journal, type RunKind } from './journal'
import { settingsLocation } from '../stores/location'
import { RunLock, settingsKey } from './lock'
import { resetPlan, restorePlan, runPlan, type Step } from './plans'
import { RunRegistry } from './registry'
import { FinishEarly, Run, recover } from './run'

export type { RunContext, RunResult, StepEvent, RunInstallation } from './context'

/**
 * The machine-wide lock on this settings file, taken before the run's journal is written; over SSH
 * also the server's own, which rides on the run's first exchange there (ssh-lock.ts).
 */
async function lockFor(ctx: RunContext, runId: string): Promise<RunLock> {
  const lock = await RunLock.acquire(ctx.localHost, await settingsKey(ctx.localHost, ctx.host.ref, ctx.store.target), runId)
  const remote = ctx.host.settingsLock
  if (!remote) return lock
  const location = settingsLocation(ctx.store.target)
  remote.take(location, runId)
  return lock.also(() => remote.drop(location, runId))
}

async function openRun(ctx: RunContext, kind: RunKind, extra: Partial<Journal> = {}): Promise<Run> {
  // The backup folder is a trust boundary: checked (never chmodded) before anything in it is used.
  await openBackupFolder(ctx.localHost, ctx.backupDir)
  const registry = new RunRegistry(ctx.localHost, ctx.backupDir)
  // The same settings file, whatever id or source named it: a cut-off run on it comes first.
  const where = settingsLocation(ctx.store.target)
  const cutOff = (await registry.cutOff()).find((j) => sameHost(j.host, ctx.host.ref) && settingsLocation(j.store) === where)
  if (cutOff) {
    const host = hostFlag(cutOff.host)
    const at = host ? ` --host ${host}` : ''
    throw new CoreError('RUN_INTERRUPTED', `An earlier run on this server (${cutOff.runId}) was cut off after "${cutOff.completed.at(-1) ?? 'the start'}". Finish it with "plex-reclaim resume ${cutOff.runId}${at}" or undo it with "plex-reclaim rollback ${cutOff.runId}${at}" first.`)
  }
  const runId = newRunId()
  const lock = await lockFor(ctx, runId)
  try {
    const now = new Date().toISOString()
    const journal = await registry.journals.write({
      format: 2,
      runId,
      kind,
      mode: ctx.mode,
      host: ctx.host.ref,
      installationId: ctx.installation.id,
      label: ctx.installation.label,
      installType: ctx.installation.installType,
      labelDetail: ctx.installation.labelDetail,
      source: ctx.installation.source,
      store: ctx.store.target,
      createdAt: now,
      updatedAt: now,
      completed: [],
      ...extra
    })
    return new Run(ctx, journal, lock)
  } catch (error) {
    await lock.release()
    throw error
  }
}

/** A cut-off run, reopened under its lock to be finished or undone. */
async function reopen(ctx: RunContext, journal: Journal, doing: 'resume' | 'rollback'): Promise<Run> {
  await openBackupFolder(ctx.localHost, ctx.backupDir)
  const lock = await lockFor(ctx, journal.runId)
  const run = new Run(ctx, journal, lock)
  run.cutOffDuring = journal.current ?? null
  await run.log.add(`${doing} after "${journal.completed.at(-1) ?? 'the start'}"${journal.current ? ` (cut off during "${journal.current}")` : ''}`)
  return run
}

/**
 * A stopped Windows service account's hive is loaded for the run and unloaded after it; the journal
 * records it, so a resumed or rolled-back run unloads what a killed one left loaded.
 */
async function withHive(run: Run, body: () => Promise<void>): Promise<void> {
  const target = run.ctx.store.target
  if (target.kind !== 'windows-registry' || !target.hive) return body()
  const loaded = await loadHive(run.ctx.host, target.hive)
  if (loaded) await run.save({ hiveLoaded: true })
  const mustUnload = loaded !== null || run.journal.hiveLoaded === true
  try {
    await body()
  } finally {
    if (mustUnload) {
      await unloadHive(run.ctx.host, target.hive).then(
        () => run.save({ hiveLoaded: false }),
        (error: unknown) => run.log.add(`could not unload ${target.hive!.mount}: ${(error as Error).message}`)
      )
    }
  }
}

async function execute(run: Run, plan: readonly Step[], resuming: boolean, success: RunResult['outcome']): Promise<RunResult> {
  let outcome = success
  try {
    try {
      await withHive(run, () => runPlan(run, plan, resuming))
    } catch (error) { // handed to recover, which words it
      if (!(error instanceof FinishEarly)) return await recover(run, error)
      outcome = error.outcome
      await run.emit(run.current ?? 'preflight', 'done', error.message)
    }
    // The last word of the journal failing (a full disk) is a failure like any other: said in full.
    await run.save({ outcome }).catch((error: unknown) => recover(run, error))
    return { runId: run.runId, outcome, journal: run.journal, logPath: run.log.path, removed: run.removed }
  } finally {
    await run.lock.release()
  }
}

/** The reset as one journaled transaction; with mode "none" the user stops and starts the server. */
export async function runReset(ctx: RunContext): Promise<RunResult> {
  const run = await openRun(ctx, 'reset')
  return execute(run, resetPlan(), false, 'finished')
}

/** Restore from the list: verify the backup, stop, back up the current state, restore, verify, start. */
export async function runRestore(ctx: RunContext, backupId: string): Promise<RunResult> {
  const run = await openRun(ctx, 'restore', { restoreBackupId: backupId })
  return execute(run, restorePlan(backupId), false, 'finished')
}

/** A run cut off by a crash, a kill or a power cut, finished from where it stood: the plan replayed. */
export async function resumeRun(ctx: RunContext, journal: Journal): Promise<RunResult> {
  const run = await reopen(ctx, journal, 'resume')
  if (journal.rollingBack) return execute(run, restorePlan(journal.restoreBackupId!), true, 'rolled-back')
  if (journal.kind === 'restore') return execute(run, restorePlan(journal.restoreBackupId!), true, 'finished')
  return execute(run, resetPlan(), true, 'finished')
}

/** A cut-off run undone: the restore plan to the backup it took (nothing to put back if it took none). */
export async function rollbackRun(ctx: RunContext, journal: Journal): Promise<RunResult> {
  const run = await reopen(ctx, journal, 'rollback')
  const original = journal.rollingBack ? journal.restoreBackupId : journal.backupId
  if (!original) {
    // Nothing was changed before the run was cut off; only a stop it began may need undoing.
    return execute(run, restorePlanWithoutBackup(), true, 'rolled-back')
  }
  try {
    await run.save({ rollingBack: true, restoreBackupId: original })
  } catch (error) {
    await run.lock.release()
    throw error
  }
  return execute(run, restorePlan(original), true, 'rolled-back')
}

/** Only the start: a run cut off before its backup changed nothing but perhaps the server's state. */
const restorePlanWithoutBackup = (): Step[] => restorePlan('').filter((s) => s.id === 'start' || s.id === 'verify-started')
