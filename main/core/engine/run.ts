import type { BackupReason } from '../backups/manifest'
import { BackupStore, sha256 } from '../backups/store'
import { takeVerifiedBackup } from '../backups/take'
import { hostFlag } from '../host/host-ref'
import { CoreError, toErr, type ErrorCode } from '../result'
import { controlServer, describeObservation, isRunning, observe, type ControlOptions, type Observation } from '../server/control'
import type { StoreSnapshot } from '../stores/types'
import type { RunContext, StepStatus } from './context'
import { JournalStore, runsDirOf, type Journal, type StepId } from './journal'
import type { RunLock } from './lock'
import { RunLog } from './run-log'

/** Ends a plan early with an outcome (nothing to remove), not a failure. */
export class FinishEarly {
  constructor(
    readonly outcome: 'nothing-to-do',
    readonly message: string
  ) {}
}

/** One run: its journal, lock and log, and the in-memory truth of what has begun and finished. */
export class Run {
  private readonly started = Date.now()
  readonly backups: BackupStore
  readonly journals: JournalStore
  readonly log: RunLog
  /** Kept in memory too, so recovery never depends on the journal having been saved. */
  readonly began = new Set<StepId>()
  readonly finished = new Set<StepId>()
  current: StepId | null = null
  /** The step a cut-off run was in when it stopped (resume and rollback only). */
  cutOffDuring: StepId | null = null
  /** The snapshot the sign-in was removed from, when this process did the removal. */
  removedFrom: StoreSnapshot | null = null
  snapshot: StoreSnapshot | null = null
  removed: readonly string[] = []
  /** The state the last stop or start of this run ended on, and when it was seen. */
  private lastSeen: { readonly observation: Observation; readonly at: number } | null = null

  constructor(
    readonly ctx: RunContext,
    public journal: Journal,
    readonly lock: RunLock
  ) {
    this.backups = new BackupStore(ctx.backupDir, ctx.localHost)
    this.journals = new JournalStore(runsDirOf(ctx.backupDir), ctx.localHost)
    this.log = RunLog.for(ctx.localHost, runsDirOf(ctx.backupDir), journal.runId)
  }

  get runId(): string {
    return this.journal.runId
  }

  async emit(step: StepId, status: StepStatus, message: string, final = false, tookMs?: number): Promise<void> {
    this.ctx.onStep?.({ runId: this.runId, step, status, message, elapsedMs: Date.now() - this.started, ...(final ? { final } : {}) })
    // The step's own time in the log: where a run spends it, beside the server's stop and start.
    await this.log.add(`${step} ${status}${tookMs !== undefined ? ` in ${tookMs} ms` : ''}: ${message}`)
  }

  async save(patch: Partial<Journal>): Promise<void> {
    this.journal = await this.journals.write({ ...this.journal, ...patch })
  }

  /** One step: recorded as started before its work begins, as completed after; events and boundaries. */
  async step(id: StepId, message: string, work: () => Promise<string>): Promise<void> {
    this.ctx.boundary?.(`before:${id}`)
    // The settings are final once they are verified: the server's lock (over SSH) is let go with
    // that read, so letting go costs no exchange of its own; this computer's lock stays to the end.
    if (id === 'verify-store') this.lock.releaseAlongside()
    await this.save({ current: id })
    this.current = id
    this.began.add(id)
    await this.emit(id, 'running', message)
    const began = performance.now()
    const done = await work()
    const tookMs = Math.round(performance.now() - began)
    this.finished.add(id)
    this.current = null
    const { current: _drop, ...rest } = this.journal
    this.journal = await this.journals.write({ ...rest, completed: [...this.journal.completed, id] })
    await this.emit(id, 'done', done, false, tookMs)
    this.ctx.boundary?.(`after:${id}`)
  }

  /** A step not run: not needed in this mode ("skipped"), or already done before a resume ("done"). */
  async skip(id: StepId, message: string, status: 'skipped' | 'done' = 'skipped'): Promise<void> {
    await this.save({ completed: this.journal.completed.includes(id) ? this.journal.completed : [...this.journal.completed, id] })
    await this.emit(id, status, message)
  }

  /** Stops or starts the server; the state it ended on is what the next check may take as seen now. */
  async controlled(verb: 'stop' | 'start'): Promise<Observation> {
    const observation = await controlServer(this.ctx.host, this.ctx.server, verb, this.control())
    this.lastSeen = { observation, at: Date.now() }
    return observation
  }

  /** The state seen within the last second (a stop or start that just ended on it), else null: look again. */
  seenJustNow(): Observation | null {
    return this.lastSeen && Date.now() - this.lastSeen.at < 1000 ? this.lastSeen.observation : null
  }

  control(): ControlOptions {
    return { ...(this.ctx.control ?? {}), log: (line) => void this.log.add(line) }
  }

  /** A verified backup of exactly these bytes, reusing the journal's (or the wizard's) if it still matches. */
  async ensureBackup(snapshot: StoreSnapshot, reason: BackupReason): Promise<string> {
    const sha = sha256(snapshot.payload)
    for (const id of [this.journal.backupId, this.ctx.backupId]) {
      if (!id) continue
      const ok = await this.backups.readVerified(id).then((b) => b.backup.manifest.sha256 === sha, () => false)
      if (ok) {
        if (this.journal.backupId !== id) await this.save({ backupId: id, originalSha256: sha })
        return id
      }
    }
    const { installation, host, store, appVersion } = this.ctx
    const { manifest } = await takeVerifiedBackup(this.backups, { host, target: store.target, installation, appVersion }, snapshot, reason, (line) => this.log.add(line))
    await this.save({ backupId: manifest.id, originalSha256: manifest.sha256 })
    return manifest.id
  }

  /** What the settings hold now: the snapshot, or a damaged file's raw bytes; null when there is nothing. */
  async currentState(): Promise<StoreSnapshot | null> {
    const { store } = this.ctx
    try {
      return await store.snapshot()
    } catch (error) {
      // A damaged file's bytes, kept as the store words them (its own kind and file name).
      const raw = await store.readRaw?.()
      if (raw) return raw
      if (error instanceof CoreError && error.code === 'NOT_FOUND') return null
      if (store.target.kind === 'preferences-xml') return null
      throw error
    }
  }
}

/** "plex-reclaim resume ID [--host user@host]": the exact command, also for a server over SSH. */
export const recoveryCommands = (run: Run): string => {
  const host = hostFlag(run.ctx.host.ref)
  const at = host ? ` --host ${host}` : ''
  return `"plex-reclaim resume ${run.runId}${at}" or "plex-reclaim rollback ${run.runId}${at}"`
}

/** Where things stand after a failure: the server, the settings, the backup. Always said in full. */
async function whereThingsStand(run: Run, server: string): Promise<string> {
  const now = await run.ctx.store.snapshot().catch(() => null) // unreadable now: the journal's own record decides
  const original = run.journal.originalSha256
  const settings =
    now === null
      ? 'its settings could not be read back'
      : original === undefined || sha256(now.payload) === original
        ? 'its settings are unchanged'
        : run.journal.kind === 'reset'
          ? 'the old sign-in was removed from its settings'
          : 'its settings were changed'
  const backup = run.journal.backupId ? ` Backup ${run.journal.backupId} (in ${run.ctx.backupDir}) holds the settings as they were.` : ''
  return `${server}; ${settings}.${backup}`
}

/**
 * The cause alone: "nothing was changed" belongs to where things stand, which recover states from
 * the run's own record; a cause saying it beside a stop or a removal would contradict it.
 */
const causeOf = (message: string): string =>
  message
    .replace(/[;,]\s*nothing (further )?was changed(?=[.)]|$)/gi, '')
    .replace(/\s*Nothing (further )?was changed(\.|$)/g, '') // a preflight's leading "Nothing was changed:" stays true
    .replace(/\.\.+$/, '.')
    .trim()

/** What this run did to the server, from its in-memory record (never from the last journal entry that reached the disk). */
function serverSoFar(run: Run): 'untouched' | 'stopped' | 'stopped-and-started' {
  const stopBegan = run.began.has('stop') || run.journal.completed.includes('stop') || run.cutOffDuring === 'stop'
  if (!stopBegan) return 'untouched'
  return run.finished.has('start') || (run.began.has('start') && run.journal.completed.includes('start')) ? 'stopped-and-started' : 'stopped'
}

/** After a failure: start the server again if this run stopped it, and say exactly where things stand. */
export async function recover(run: Run, error: unknown): Promise<never> {
  const { code, message, command } = toErr(error)
  const original = { code, message: causeOf(message) }
  const failedStep = run.current ?? run.journal.current ?? run.journal.completed.at(-1) ?? 'preflight'
  const done = serverSoFar(run)
  let server =
    run.ctx.mode === 'none'
      ? 'Plex Reclaim did not stop or start Plex Media Server (you do that yourself)'
      : done === 'untouched'
        ? 'Plex Media Server was not stopped'
        : 'Plex Media Server was stopped and started again'
  let cutOff = false
  if (run.ctx.mode === 'service' && done === 'stopped') {
    try {
      // A stop that never took (a cancelled password prompt) left it running: then it was not "started again".
      const wasUp = await observe(run.ctx.host, run.ctx.server).then(isRunning, () => false)
      await controlServer(run.ctx.host, run.ctx.server, 'start', run.control())
      server = wasUp ? 'Plex Media Server was not stopped' : 'Plex Media Server was started again'
    } catch (startError) {
      cutOff = true
      const state = describeObservation(await observe(run.ctx.host, run.ctx.server).catch(() => ({ processAlive: false, answers: false, maintenance: false, identity: null })))
      server = `Starting Plex Media Server again also failed (${causeOf(toErr(startError).message)}); it is ${state}`
    }
  }
  let journalNote = ''
  try {
    // A server left stopped stays a cut-off run on purpose: every later start of the app or CLI says so.
    await run.save(cutOff ? { error: original } : { outcome: 'failed', error: original })
  } catch (saveError) {
    const why = causeOf(toErr(saveError).message)
    journalNote = why === original.message ? ' (So the run\'s journal could not be saved either.)' : ` (The run's journal could not be saved: ${why.replace(/\.$/, '')}.)`
  }
  const standing = await whereThingsStand(run, server)
  const next = cutOff ? ` Run ${recoveryCommands(run)}.` : ''
  await run.emit(failedStep, 'failed', `${original.message} ${standing}`, true).catch(() => undefined)
  throw new CoreError(original.code as ErrorCode, `${original.message} ${standing}${next}${journalNote}`, { command })
}
