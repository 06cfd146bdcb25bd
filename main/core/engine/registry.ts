import type { Host } from '../host/types'
import { JournalStore, runsDirOf, type Journal } from './journal'
import { liveHolders } from './lock'

/** A run's state, derived from its journal and the liveness of its lock holder: one source of truth. */
export type RunStatus = 'running' | 'cut-off' | 'finished' | 'unreadable'

export type RunRecord =
  | { readonly runId: string; readonly status: Exclude<RunStatus, 'unreadable'>; readonly journal: Journal }
  | { readonly runId: string; readonly status: 'unreadable'; readonly journal: null; readonly problem: string }

export class RunRegistry {
  readonly journals: JournalStore

  constructor(
    private readonly local: Host,
    readonly backupDir: string
  ) {
    this.journals = new JournalStore(runsDirOf(backupDir), local)
  }

  /**
   * A run takes its lock before it writes its journal and writes its outcome before it lets the
   * lock go. So a journal without an outcome is asked about in that order: the lock's word first
   * (a live holder of its run id: running); no holder: the journal again, since the run may have
   * finished between the two reads; only a journal still without an outcome is cut off.
   */
  private async classify(first: Journal, live: ReadonlySet<string>): Promise<RunRecord> {
    const runId = first.runId
    if (first.outcome) return { runId, status: 'finished', journal: first }
    if (live.has(runId)) return { runId, status: 'running', journal: first }
    const again = await this.journals.read(runId)
    if (!again.journal) return { runId, status: 'unreadable', journal: null, problem: again.problem }
    return { runId, status: again.journal.outcome ? 'finished' : 'cut-off', journal: again.journal }
  }

  private async liveRunIds(): Promise<Set<string>> {
    return new Set((await liveHolders(this.local)).map((f) => f.holder.runId))
  }

  /** Every run on record, newest first; unreadable journals are listed, never dropped. */
  async list(): Promise<RunRecord[]> {
    const entries = await this.journals.list()
    const live = entries.some((e) => e.journal && !e.journal.outcome) ? await this.liveRunIds() : new Set<string>()
    return Promise.all(entries.map((e): Promise<RunRecord> | RunRecord => (e.journal ? this.classify(e.journal, live) : { runId: e.runId, status: 'unreadable', journal: null, problem: e.problem })))
  }

  async get(runId: string): Promise<RunRecord> {
    const e = await this.journals.read(runId)
    if (!e.journal) return { runId, status: 'unreadable', journal: null, problem: e.problem }
    return this.classify(e.journal, e.journal.outcome ? new Set() : await this.liveRunIds())
  }

  /** Runs that were cut off (no outcome, no live holder): to be finished or undone. */
  async cutOff(): Promise<Journal[]> {
    return (await this.list()).flatMap((r) => (r.status === 'cut-off' ? [r.journal] : []))
  }
}
