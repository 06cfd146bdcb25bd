import type { Host } from '../host/types'
import { JournalStore, runsDirOf, type Journal } from './journal'
import { liveHolder, lockPathOf } from './lock'

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

  private async statusOf(journal: Journal): Promise<Exclude<RunStatus, 'unreadable'>> {
    if (journal.outcome) return 'finished'
    const holder = await liveHolder(this.local, lockPathOf(this.journals.dir, journal.installationId))
    return holder?.runId === journal.runId ? 'running' : 'cut-off'
  }

  /** Every run on record, newest first; unreadable journals are listed, never dropped. */
  async list(): Promise<RunRecord[]> {
    const entries = await this.journals.list()
    return Promise.all(
      entries.map(async (e): Promise<RunRecord> => (e.journal ? { runId: e.runId, status: await this.statusOf(e.journal), journal: e.journal } : { runId: e.runId, status: 'unreadable', journal: null, problem: e.problem }))
    )
  }

  async get(runId: string): Promise<RunRecord> {
    const e = await this.journals.read(runId)
    return e.journal ? { runId, status: await this.statusOf(e.journal), journal: e.journal } : { runId, status: 'unreadable', journal: null, problem: e.problem }
  }

  /** Runs that were cut off (no outcome, no live holder): to be finished or undone. */
  async cutOff(): Promise<Journal[]> {
    return (await this.list()).flatMap((r) => (r.status === 'cut-off' ? [r.journal] : []))
  }
}
