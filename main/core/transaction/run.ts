import { posix } from 'node:path'
import { BackupStore, sha256 } from '../backups/store'
import type { Host } from '../host/types'
import { backUp, currentState, type Provenance } from '../reset/offline'
import { CoreError, toErr } from '../result'
import { controlServer, describeObservation, isStopped, observe, type ControlOptions, type ServerTarget } from '../server/control'
import { apiFor } from '../server/api'
import { readIdentity } from '../server/identity'
import type { SettingsStore, StoreSnapshot } from '../stores/types'
import { JournalStore, newRunId, runsDirOf, type Journal, type RunKind, type StepId } from './journal'
import { RunLock } from './lock'
import { assertPreflight, preflight } from './preflight'
import { RunLog } from './run-log'

export type StepStatus = 'running' | 'done' | 'failed' | 'skipped'

export interface StepEvent {
  readonly runId: string
  readonly step: StepId
  readonly status: StepStatus
  readonly message: string
  readonly elapsedMs: number
}

/** Everything a run needs; decided by main (or the CLI), never by the renderer. */
export interface RunContext {
  readonly host: Host
  /** The local host, where backups, journals and logs are kept. */
  readonly localHost: Host
  readonly store: SettingsStore
  readonly backupDir: string
  readonly server: ServerTarget
  readonly provenance: Provenance
  readonly installation: { readonly id: string; readonly label: string }
  readonly control?: ControlOptions
  readonly plexTvUrl?: string
  readonly onStep?: (event: StepEvent) => void
  /** A verified backup the user already took (the wizard's Back up step); reused if it still matches. */
  readonly backupId?: string
  /** Tests only: called at every step boundary, where the fault-injection test kills the process. */
  readonly boundary?: (point: string) => void
}

export interface RunResult {
  readonly runId: string
  readonly outcome: 'finished' | 'nothing-to-do' | 'rolled-back'
  readonly journal: Journal
  readonly logPath: string
}

/** One run: its journal, lock and log, and the steps that write them. */
class Run {
  private readonly started = Date.now()
  journal!: Journal
  readonly backups: BackupStore
  readonly journals: JournalStore
  readonly log: RunLog

  constructor(
    readonly ctx: RunContext,
    readonly runId: string
  ) {
    this.backups = new BackupStore(ctx.backupDir, ctx.localHost)
    this.journals = new JournalStore(runsDirOf(ctx.backupDir), ctx.localHost)
    this.log = RunLog.for(ctx.localHost, runsDirOf(ctx.backupDir), runId)
  }

  async emit(step: StepId, status: StepStatus, message: string): Promise<void> {
    this.ctx.onStep?.({ runId: this.runId, step, status, message, elapsedMs: Date.now() - this.started })
    await this.log.add(`${step} ${status}: ${message}`)
  }

  async save(patch: Partial<Journal>): Promise<void> {
    this.journal = await this.journals.write({ ...this.journal, ...patch })
  }

  /** Runs one step: events, the journal entry once it is done, and the fault-injection boundaries. */
  async step<T>(id: StepId, message: string, work: () => Promise<T>, done: (value: T) => string, patch?: (value: T) => Partial<Journal>): Promise<T> {
    this.ctx.boundary?.(`before:${id}`)
    await this.emit(id, 'running', message)
    const value = await work()
    await this.save({ completed: [...this.journal.completed, id], ...patch?.(value) })
    await this.emit(id, 'done', done(value))
    this.ctx.boundary?.(`after:${id}`)
    return value
  }

  control(): ControlOptions {
    const base = this.ctx.control ?? {}
    return { ...base, log: (line) => void this.log.add(line) }
  }

  /** Over SSH, a copy also stays beside the original on the server (0600), for whoever works there. */
  private async keepCopyOnServer(id: string, payload: Buffer): Promise<void> {
    const target = this.ctx.store.target
    if (this.ctx.host.kind !== 'ssh' || target.kind !== 'preferences-xml') return
    const copy = posix.join(posix.dirname(target.path), `Preferences.xml.plex-reclaim-${id}.bak`)
    await this.ctx.host.writeNewFile(copy, payload, 0o600).catch(() => this.log.add(`could not keep a copy of backup ${id} on the server`))
    await this.log.add(`backup ${id} also kept on the server as ${copy}`)
  }

  /** A verified backup of exactly these bytes, reusing the journal's if it still matches. */
  async ensureBackup(snapshot: StoreSnapshot, reason: 'reset' | 'pre-restore'): Promise<string> {
    const sha = sha256(snapshot.payload)
    if (this.journal.backupId && this.journal.originalSha256 === sha) {
      const ok = await this.backups.readVerified(this.journal.backupId).then(() => true, () => false)
      if (ok) return this.journal.backupId
    }
    const { manifest } = await backUp(this.backups, this.ctx.store, snapshot, this.ctx.provenance, reason)
    await this.backups.readVerified(manifest.id) // read back once more before anything changes
    await this.keepCopyOnServer(manifest.id, snapshot.payload)
    await this.save({ backupId: manifest.id, originalSha256: manifest.sha256 })
    await this.log.add(`backup ${manifest.id} (${reason}) sha256 ${manifest.sha256} verified`)
    return manifest.id
  }
}

async function openRun(ctx: RunContext, kind: RunKind, extra: Partial<Journal> = {}): Promise<{ run: Run; lock: RunLock }> {
  const journals = new JournalStore(runsDirOf(ctx.backupDir), ctx.localHost)
  const cutOff = (await journals.unfinished()).find((j) => j.installationId === ctx.installation.id)
  if (cutOff) {
    throw new CoreError('RUN_INTERRUPTED', `An earlier run on this server (${cutOff.runId}) was cut off after "${cutOff.completed.at(-1) ?? 'the start'}". Finish it with "plex-reclaim resume" or undo it with "plex-reclaim rollback" first.`)
  }
  const runId = newRunId()
  const lock = await RunLock.acquire(ctx.localHost, runsDirOf(ctx.backupDir), ctx.installation.id, runId)
  const run = new Run(ctx, runId)
  const now = new Date().toISOString()
  run.journal = await run.journals.write({
    format: 1,
    runId,
    kind,
    installationId: ctx.installation.id,
    label: ctx.installation.label,
    createdAt: now,
    updatedAt: now,
    store: ctx.store.target,
    server: ctx.server,
    provenance: ctx.provenance,
    completed: [],
    ...extra
  })
  return { run, lock }
}

/** Stops the server and proves it stopped. */
async function stopAndVerify(run: Run): Promise<void> {
  await run.step('stop', 'Stopping Plex Media Server', () => controlServer(run.ctx.host, run.ctx.server, 'stop', run.control()), () => 'Plex Media Server has stopped')
  await run.step(
    'verify-stopped',
    'Checking that it has really stopped',
    async () => {
      const o = await observe(run.ctx.host, run.ctx.server)
      if (!isStopped(o)) throw new CoreError('STOP_TIMEOUT', `Plex Media Server is still ${describeObservation(o)} after it was stopped.`)
    },
    () => 'The process is gone and the port no longer answers'
  )
}

async function startAndVerify(run: Run, expectUnclaimed: boolean): Promise<void> {
  await run.step('start', 'Starting Plex Media Server', () => controlServer(run.ctx.host, run.ctx.server, 'start', run.control()), () => 'Plex Media Server is running')
  await run.step(
    'verify-unclaimed',
    expectUnclaimed ? 'Checking that the server is unclaimed' : 'Checking that the server answers',
    async () => {
      const identity = await readIdentity(apiFor(run.ctx.host, run.ctx.server))
      if (!identity) throw new CoreError('SERVER_UNREACHABLE', 'Plex Media Server started but does not answer on its local port. Give it a minute, then check its log.')
      if (expectUnclaimed && identity.claimed) {
        throw new CoreError('STILL_CLAIMED', `The server still says it is claimed after the reset. Check that the right installation was chosen; backup ${run.journal.backupId} holds the settings as they were.`)
      }
      return identity
    },
    (identity) => (expectUnclaimed ? 'The server is running and unclaimed: claim it now' : `The server answers (${identity.claimed ? 'claimed' : 'unclaimed'})`)
  )
}

/** Removes the sign-in from the settings as they are now (backed up first if they changed). */
async function removeAndVerify(run: Run): Promise<void> {
  const { store } = run.ctx
  const snapshot = await run.step(
    'remove',
    'Removing the old sign-in',
    async () => {
      const now = await store.snapshot()
      if (now.keysPresent.length === 0) return { snapshot: now, removed: [] as readonly string[] }
      // The server may have written its settings as it stopped: those exact bytes are backed up.
      await run.ensureBackup(now, 'reset')
      run.ctx.boundary?.('inside:remove')
      return { snapshot: now, removed: await store.removeSignIn(now) }
    },
    (r) => (r.removed.length ? `Removed ${r.removed.join(', ')}; everything else is unchanged` : 'The sign-in was already removed')
  )
  await run.step('verify-store', 'Checking the settings', async () => snapshot.removed.length && (await store.verifyRemoved(snapshot.snapshot)), () => 'The settings hold exactly what they should')
}

/** After a failure with the server stopped: start it again and say exactly where things stand. */
async function recover(run: Run, error: unknown): Promise<never> {
  const original = toErr(error)
  await run.emit(run.journal.completed.at(-1) ?? 'preflight', 'failed', original.message)
  const stopped = run.journal.completed.includes('stop') && !run.journal.completed.includes('start')
  if (!stopped) {
    await run.save({ outcome: 'failed', error: original })
    throw new CoreError(original.code, original.message)
  }
  try {
    await controlServer(run.ctx.host, run.ctx.server, 'start', run.control())
  } catch (startError) {
    // Left unfinished on purpose: the next start of the app or the CLI says the server is stopped.
    await run.save({ error: original })
    const state = describeObservation(await observe(run.ctx.host, run.ctx.server))
    throw new CoreError(original.code, `${original.message} Starting Plex Media Server again also failed (${toErr(startError).message}); it is ${state}. Run "plex-reclaim resume" or "plex-reclaim rollback".`)
  }
  // What the settings hold now, not what the journal remembers: a resumed run may have changed them earlier.
  const now = await run.ctx.store.snapshot().catch(() => null)
  const changed = now !== null && run.journal.originalSha256 !== undefined && sha256(now.payload) !== run.journal.originalSha256
  await run.save({ outcome: 'failed', error: original })
  throw new CoreError(
    original.code,
    `${original.message} ${changed ? 'The sign-in was removed' : 'The settings were not changed'} and Plex Media Server was started again.${run.journal.backupId ? ` Backup ${run.journal.backupId} holds the settings as they were.` : ''}`
  )
}

/** Runs a body under the run's lock: the outcome is journaled, or the failure recovered from and explained. */
async function execute(run: Run, lock: RunLock, body: () => Promise<RunResult['outcome']>): Promise<RunResult> {
  try {
    const outcome = await body()
    await run.save({ outcome })
    return { runId: run.runId, outcome, journal: run.journal, logPath: run.log.path }
  } catch (error) {
    return await recover(run, error)
  } finally {
    await lock.release()
  }
}

/** A cut-off run, reopened under its lock to be finished or undone. */
async function reopen(ctx: RunContext, journal: Journal, doing: 'resume' | 'rollback'): Promise<{ run: Run; lock: RunLock }> {
  const lock = await RunLock.acquire(ctx.localHost, runsDirOf(ctx.backupDir), journal.installationId, journal.runId)
  const run = new Run(ctx, journal.runId)
  run.journal = journal
  await run.log.add(`${doing} after "${journal.completed.at(-1) ?? 'the start'}"`)
  return { run, lock }
}

/**
 * The reset as one transaction: preflight, backup, verify backup, stop, verify stopped, remove,
 * verify store, start, verify claimed="0". Every step is journaled; the order is the guarantee.
 */
export async function runReset(ctx: RunContext): Promise<RunResult> {
  const taken = ctx.backupId ? (await new BackupStore(ctx.backupDir, ctx.localHost).readVerified(ctx.backupId)).backup.manifest : null
  const { run, lock } = await openRun(ctx, 'reset', taken ? { backupId: taken.id, originalSha256: taken.sha256 } : {})
  return execute(run, lock, async () => {
    const checked = await run.step(
      'preflight',
      'Checking everything before changing anything',
      async () => {
        const report = await preflight({ host: ctx.host, localHost: ctx.localHost, store: ctx.store, backupDir: ctx.backupDir, server: ctx.server, plexTvUrl: ctx.plexTvUrl })
        for (const c of report.checks) await run.log.add(`preflight ${c.id}: ${c.ok ? 'ok' : c.warning ? 'warning' : 'FAILED'}: ${c.message}`)
        assertPreflight(report.checks)
        return report
      },
      (r) => r.checks.filter((c) => c.warning && !c.ok).map((c) => `Warning: ${c.message}`).join(' ') || 'All checks passed'
    )
    const snapshot = checked.snapshot!
    if (snapshot.keysPresent.length === 0) {
      await run.emit('preflight', 'done', 'The server is not signed in to any account: nothing to remove.')
      return 'nothing-to-do'
    }
    await run.step('backup', 'Taking a backup of the settings', () => run.ensureBackup(snapshot, 'reset'), (id) => `Backup ${id} written`)
    await run.step(
      'verify-backup',
      'Reading the backup back',
      async () => (await run.backups.readVerified(run.journal.backupId!)).backup.manifest,
      (m) => `Backup ${m.id} read back: sha256 ${m.sha256.slice(0, 12)}… matches`
    )
    await stopAndVerify(run)
    await removeAndVerify(run)
    await startAndVerify(run, true)
    return 'finished'
  })
}

/** Restore from the list: verify the backup, stop, back up the current state, restore, start. */
export async function runRestore(ctx: RunContext, backupId: string): Promise<RunResult> {
  const backups = new BackupStore(ctx.backupDir, ctx.localHost)
  const { payload } = await backups.readVerified(backupId) // refused before anything happens
  const { run, lock } = await openRun(ctx, 'restore', { restoreBackupId: backupId })
  return execute(run, lock, async () => {
    await run.step('verify-backup', `Checking backup ${backupId}`, async () => undefined, () => `Backup ${backupId} matches its sha256`)
    await stopAndVerify(run)
    await run.step(
      'backup',
      'Backing up the current settings first',
      async () => {
        const current = await currentState(ctx.store)
        return current ? await run.ensureBackup(current, 'pre-restore') : null
      },
      (id) => (id ? `The current settings are kept as backup ${id}` : 'The current settings cannot be read; nothing to keep')
    )
    await run.step('remove', `Restoring backup ${backupId}`, () => ctx.store.restore(payload), () => `Backup ${backupId} is back in place`)
    await startAndVerify(run, false)
    return 'finished'
  })
}

/** A run cut off by a crash, a kill or a power cut, finished from where it stood. */
export async function resumeRun(ctx: RunContext, journal: Journal): Promise<RunResult> {
  const { run, lock } = await reopen(ctx, journal, 'resume')
  return execute(run, lock, async () => {
    if (journal.kind === 'restore') {
      const { payload } = await run.backups.readVerified(journal.restoreBackupId!)
      const current = await ctx.store.snapshot().catch(() => null)
      if (!current || sha256(current.payload) !== sha256(payload)) {
        await stopAndVerify(run)
        const now = await ctx.store.snapshot().catch(() => null)
        if (now && sha256(now.payload) !== sha256(payload)) await run.ensureBackup(now, 'pre-restore')
        await run.step('remove', `Restoring backup ${journal.restoreBackupId}`, () => ctx.store.restore(payload), () => 'The backup is back in place')
      }
      await startAndVerify(run, false)
    } else {
      // A stop the cut-off run began may still be under way, and the server writes its settings as
      // it stops: settle that first (stopping is part of the plan anyway), then read the settings.
      if (!journal.completed.includes('start')) await stopAndVerify(run)
      const current = await ctx.store.snapshot()
      if (current.keysPresent.length > 0) {
        await run.step('backup', 'Making sure a verified backup exists', () => run.ensureBackup(current, 'reset'), (id) => `Backup ${id} verified`)
        await removeAndVerify(run)
      }
      await startAndVerify(run, true)
    }
    return 'finished'
  })
}

/** A run cut off part-way, undone: the settings as they were before it, and the server running. */
export async function rollbackRun(ctx: RunContext, journal: Journal): Promise<RunResult> {
  const { run, lock } = await reopen(ctx, journal, 'rollback')
  return execute(run, lock, async () => {
    // The verified backup of the bytes the run was about to change (for a restore, the pre-restore one).
    const original = journal.backupId
    if (original) {
      const { payload, backup } = await run.backups.readVerified(original)
      const current = await ctx.store.snapshot().catch(() => null)
      if (!current || sha256(current.payload) !== backup.manifest.sha256) {
        await stopAndVerify(run)
        await run.step('remove', `Putting back backup ${original}`, () => ctx.store.restore(payload), () => `The settings are as they were before the run`)
      }
    }
    await startAndVerify(run, false)
    return 'rolled-back'
  })
}
