import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { Host } from '../host/types'
import type { ServerTarget } from '../server/control'
import type { StoreTarget } from '../stores/types'
import type { Provenance } from '../reset/offline'

export type RunKind = 'reset' | 'restore'

export type StepId =
  | 'preflight'
  | 'backup'
  | 'verify-backup'
  | 'stop'
  | 'verify-stopped'
  | 'remove'
  | 'verify-store'
  | 'start'
  | 'verify-unclaimed'

/** How a run ended; absent while it runs, and on a run that was cut off. */
export type RunOutcome = 'finished' | 'nothing-to-do' | 'failed' | 'rolled-back'

/**
 * One small file per run, replaced atomically after every step, so a run cut off by a crash, a
 * kill or a power cut can be finished or rolled back from exactly where it stood.
 */
export interface Journal {
  readonly format: 1
  readonly runId: string
  readonly kind: RunKind
  readonly installationId: string
  readonly label: string
  readonly createdAt: string
  readonly updatedAt: string
  readonly store: StoreTarget
  readonly server: ServerTarget
  readonly provenance: Provenance
  readonly completed: readonly StepId[]
  /** The verified backup of the bytes being changed, and their sha256. */
  readonly backupId?: string
  readonly originalSha256?: string
  /** Written before the store is touched, so a crash after the write is recognised. */
  readonly expectedSha256?: string
  /** Restore runs: the backup being put back. */
  readonly restoreBackupId?: string
  readonly outcome?: RunOutcome
  readonly error?: { readonly code: string; readonly message: string }
}

export const newRunId = (now = new Date()): string => `${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${randomBytes(3).toString('hex')}`

/** Journals, locks and logs live beside the backups, in the same per-user folder. */
export const runsDirOf = (backupDir: string): string => join(backupDir, 'runs')

export class JournalStore {
  constructor(
    readonly dir: string,
    private readonly host: Host
  ) {}

  path(runId: string): string {
    return join(this.dir, `${runId}.journal.json`)
  }

  async write(journal: Journal): Promise<Journal> {
    const next = { ...journal, updatedAt: new Date().toISOString() }
    await this.host.mkdir(this.dir, 0o700)
    await this.host.writeFileAtomic(this.path(journal.runId), Buffer.from(`${JSON.stringify(next, null, 2)}\n`), { mode: 0o600 })
    return next
  }

  async read(runId: string): Promise<Journal | null> {
    try {
      const value = JSON.parse((await this.host.readFile(this.path(runId))).toString('utf8')) as Journal
      return value.format === 1 && value.runId === runId ? value : null
    } catch {
      return null
    }
  }

  async list(): Promise<Journal[]> {
    const names = (await this.host.readdir(this.dir)).filter((n) => n.endsWith('.journal.json'))
    const all = await Promise.all(names.map((n) => this.read(n.slice(0, -'.journal.json'.length))))
    return all.filter((j): j is Journal => j !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  /** Runs that were cut off: no outcome recorded. */
  async unfinished(): Promise<Journal[]> {
    return (await this.list()).filter((j) => j.outcome === undefined)
  }
}
