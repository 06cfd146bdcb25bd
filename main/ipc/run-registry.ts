import { randomBytes } from 'node:crypto'
import type { ProgressEvent, RunRecord, RunStanding, RunView } from '../../preload/contract'
import { toErr } from '../app/index'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** How a handler reports one run to the registry. */
export interface RunTracker {
  /** The record's id: the run channel's answer, and on every event of the run. */
  readonly id: string
  readonly onStep: (event: ProgressEvent) => void
  /** The record as it is now (for the run-ended event). */
  record(): RunRecord
  finish(result: RunView, standing: RunStanding | null): void
  fail(error: unknown, standing: RunStanding | null): void
}

/**
 * The runs of this process, in memory: a reloaded page asks here instead of guessing from the
 * journals (whose live runs look cut off). Kept small: the last few finished runs are enough.
 */
export class RunRegistry {
  private readonly records: Mutable<RunRecord>[] = []

  constructor(private readonly keep = 10) {}

  start(fields: Pick<RunRecord, 'kind' | 'action' | 'installationId' | 'label' | 'backupId'>): RunTracker {
    const record: Mutable<RunRecord> = { id: randomBytes(6).toString('hex'), runId: null, status: 'running', events: [], result: null, error: null, standing: null, ...fields }
    this.records.unshift(record)
    // Finished runs beyond the limit are dropped; a live one never is.
    for (let i = this.records.length - 1; i >= 0 && this.records.length > this.keep; i--) if (this.records[i]!.status !== 'running') this.records.splice(i, 1)
    return {
      id: record.id,
      record: () => ({ ...record }),
      onStep: (event) => {
        record.runId ??= event.runId
        record.events = [...record.events, event]
      },
      finish: (result, standing) => Object.assign(record, { status: 'finished', result, runId: result.runId, standing }),
      fail: (error, standing) => {
        const { code, message, command } = toErr(error)
        Object.assign(record, { status: 'failed', error: command ? { code, message, command } : { code, message }, standing })
      }
    }
  }

  list(): RunRecord[] {
    return this.records.map((r) => ({ ...r }))
  }

  /** Whether a run is under way: leaving the window now would hide it. */
  busy(): boolean {
    return this.records.some((r) => r.status === 'running')
  }

  liveRunIds(): Set<string> {
    return new Set(this.records.filter((r) => r.status === 'running' && r.runId).map((r) => r.runId!))
  }
}
