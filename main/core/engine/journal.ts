import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { STAMP_ID } from '../backups/manifest'
import { INSTALLATION_ID } from '../detect/types'
import { hostRefSchema, type HostRef } from '../host/host-ref'
import type { Host } from '../host/types'
import { CoreError, fromFsError } from '../result'
import { storeTargetSchema } from '../stores/target-schema'
import type { StoreTarget } from '../stores/types'
import { readSmallFile } from './small-file'
import { labelDetailSchema } from '../detect/label-detail-schema'
import type { LabelDetail } from '../detect/types'

export { STEP_IDS, type StepId } from '../ids'
import { STEP_IDS, type StepId } from '../ids'

export type RunKind = 'reset' | 'restore'
/** service: Plex Reclaim stops and starts the server; none: the user did (reset/restore --no-service). */
export type ControlMode = 'service' | 'none'
/** How a run ended; absent while it runs, and on a run that was cut off. */
export type RunOutcome = 'finished' | 'nothing-to-do' | 'failed' | 'rolled-back'

/** Where the installation came from, so resume re-derives it (never trusting the journal's programs). */
export type RunSource = { readonly kind: 'detected' } | { readonly kind: 'file'; readonly path: string }

/**
 * One small file per run, replaced atomically before and after every step, so a run cut off by a
 * crash, a kill or a power cut can be finished or rolled back from exactly where it stood.
 */
export interface Journal {
  readonly format: 2
  readonly runId: string
  readonly kind: RunKind
  readonly mode: ControlMode
  readonly host: HostRef
  readonly installationId: string
  readonly label: string
  /** What the wizard words the server's name from in the user's language (absent in older journals). */
  readonly installType?: string
  readonly labelDetail?: LabelDetail
  readonly source: RunSource
  readonly store: StoreTarget
  readonly createdAt: string
  readonly updatedAt: string
  readonly completed: readonly StepId[]
  /** The step whose work has begun and not yet finished: recorded before the work starts. */
  readonly current?: StepId
  /** The verified backup of the bytes being changed, and their sha256. */
  readonly backupId?: string
  readonly originalSha256?: string
  /** Written before the store is touched, so a crash after the write is recognised. */
  readonly expectedSha256?: string
  /** Restore runs: the backup being put back. */
  readonly restoreBackupId?: string
  /** Set when the run is being undone: a cut-off undo is finished as an undo. */
  readonly rollingBack?: boolean
  /** A Windows service account's hive this run loaded: resume and rollback unload it. */
  readonly hiveLoaded?: boolean
  readonly outcome?: RunOutcome
  readonly error?: { readonly code: string; readonly message: string }
}

const stamp = z.string().regex(STAMP_ID)
const sha = z.string().regex(/^[0-9a-f]{64}$/)
const stepId = z.enum(STEP_IDS)

export const journalSchema = z
  .object({
    format: z.literal(2),
    runId: stamp,
    kind: z.enum(['reset', 'restore']),
    mode: z.enum(['service', 'none']),
    host: hostRefSchema,
    installationId: z.string().regex(INSTALLATION_ID),
    label: z.string().max(300),
    installType: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
    labelDetail: labelDetailSchema.optional(),
    source: z.discriminatedUnion('kind', [z.object({ kind: z.literal('detected') }).strict(), z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096) }).strict()]),
    store: storeTargetSchema,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    completed: z.array(stepId).max(32),
    current: stepId.optional(),
    backupId: stamp.optional(),
    originalSha256: sha.optional(),
    expectedSha256: sha.optional(),
    restoreBackupId: stamp.optional(),
    rollingBack: z.boolean().optional(),
    hiveLoaded: z.boolean().optional(),
    outcome: z.enum(['finished', 'nothing-to-do', 'failed', 'rolled-back']).optional(),
    error: z.object({ code: z.string().max(64), message: z.string().max(4000) }).strict().optional()
  })
  .strict()

export const newRunId = (now = new Date()): string => `${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${randomBytes(3).toString('hex')}`

/** Journals, locks and logs live beside the backups, in the same per-user folder. */
export const runsDirOf = (backupDir: string): string => join(backupDir, 'runs')

const JOURNAL_CAP = 64 * 1024
const SUFFIX = '.journal.json'

/** A journal that cannot be used is shown as such, never silently dropped. */
export type JournalEntry = { readonly runId: string; readonly journal: Journal; readonly problem?: undefined } | { readonly runId: string; readonly journal: null; readonly problem: string }

export class JournalStore {
  constructor(
    readonly dir: string,
    private readonly host: Host
  ) {}

  path(runId: string): string {
    if (!STAMP_ID.test(runId)) throw new Error(`not a run id: ${runId}`)
    return join(this.dir, `${runId}${SUFFIX}`)
  }

  async write(journal: Journal): Promise<Journal> {
    const next: Journal = { ...journal, updatedAt: new Date().toISOString() }
    const path = this.path(journal.runId)
    try {
      await this.host.mkdir(this.dir, 0o700)
      await this.host.writeFileAtomic(path, Buffer.from(`${JSON.stringify(next, null, 2)}\n`), { mode: 0o600 })
    } catch (error) {
      throw fromFsError(error, path, 'saving the run journal')
    }
    return next
  }

  async read(runId: string): Promise<JournalEntry> {
    let raw: unknown
    try {
      raw = JSON.parse((await readSmallFile(this.host, this.path(runId), JOURNAL_CAP)).toString('utf8'))
    } catch (error) { // reported as the run's problem, which the user sees
      return { runId, journal: null, problem: `its journal cannot be read (${(error as Error).message})` }
    }
    const parsed = journalSchema.safeParse(raw)
    if (!parsed.success) return { runId, journal: null, problem: `its journal is not one Plex Reclaim wrote (${parsed.error.issues[0]?.path.join('.') || 'shape'})` }
    if (parsed.data.runId !== runId) return { runId, journal: null, problem: 'its journal names another run' }
    return { runId, journal: parsed.data }
  }

  /** Every run on record, newest first; unreadable ones included. */
  async list(): Promise<JournalEntry[]> {
    // No folder yet is no runs yet; anything else that cannot be read would hide a cut-off run (a
    // server left stopped), so it is said.
    const unreadable = (why: string): CoreError =>
      new CoreError('RUN_UNREADABLE', `The runs folder ${this.dir} cannot be read (${why}), so a run that was cut off there (perhaps leaving the server stopped) cannot be seen. Check that folder, or choose the backup folder that holds it with --backup-dir.`)
    const info = await this.host.lstat(this.dir).catch((error: unknown) => {
      throw unreadable((error as NodeJS.ErrnoException).code ?? (error as Error).message)
    })
    if (info === null) return []
    if (!info.isDirectory) throw unreadable(info.isSymbolicLink ? 'it is a symbolic link' : 'ENOTDIR: it is not a folder')
    const names = await this.host.readdir(this.dir).catch((error: unknown) => {
      throw unreadable((error as NodeJS.ErrnoException).code ?? (error as Error).message)
    })
    const ids = names.filter((n) => n.endsWith(SUFFIX)).map((n) => n.slice(0, -SUFFIX.length)).filter((id) => STAMP_ID.test(id))
    const all = await Promise.all(ids.map((id) => this.read(id)))
    return all.sort((a, b) => b.runId.localeCompare(a.runId))
  }
}
