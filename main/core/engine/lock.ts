import { createHash, randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { STAMP_ID } from '../backups/manifest'
import { hostKey, type HostRef } from '../host/host-ref'
import type { Host } from '../host/types'
import { CoreError } from '../result'
import { settingsLocation } from '../stores/location'
import type { StoreTarget } from '../stores/types'
import { readSmallFile, unlinkRegularFile } from './small-file'

const lockSchema = z
  .object({
    pid: z.number().int().positive(),
    runId: z.string().regex(STAMP_ID),
    startedAt: z.iso.datetime(),
    /** The holder's start time (Linux /proc/PID/stat), so a reused pid is not taken for the holder. */
    processStart: z.string().regex(/^[0-9]+$/).nullable(),
    /** Who holds it, for the message (absent where the platform has no uids). */
    uid: z.number().int().nonnegative().optional()
  })
  .strict()
export type LockContent = z.infer<typeof lockSchema>

/** Locks this process holds, by key: the files alone cannot tell two runs of one process apart. */
const heldHere = new Map<string, string>()

const PREFIX = 'plex-reclaim-'
const SUFFIX = '.lock'
const KEY = /^[0-9a-f]{32}$/

async function processStartOf(host: Host, pid: number): Promise<string | null> {
  if (host.platform !== 'linux') return null
  try {
    const stat = (await host.readFile(`/proc/${pid}/stat`, { maxBytes: 64 * 1024 })).toString('utf8')
    // Field 22 (starttime), counted after the command name, which may itself hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null // no /proc (a container without it): the pid alone decides
  }
}


/**
 * One lock per settings file per host: the key is the host and the file's real location, never an
 * installation id (detected and --file name one file differently) nor a backup folder (per user).
 */
export async function settingsKey(local: Host, host: HostRef, store: StoreTarget): Promise<string> {
  let where = settingsLocation(store)
  // On this computer the real path, so a link or a second mount path is the same file. Over SSH
  // the server's own lock resolves it there (ssh-lock.ts).
  if (host.kind === 'local' && store.kind === 'preferences-xml') where = await local.realpath(where).catch(() => where)
  return createHash('sha256').update(`${hostKey(host)}\0${where}`).digest('hex').slice(0, 32)
}

/**
 * The machine-wide folder for locks: every user and process sees the same one. /run/lock is the
 * FHS place (sticky, writable by all); where it is missing or not writable, the sticky /tmp.
 * Windows: ProgramData, which every user may create files in.
 */
export async function machineLockDir(local: Host): Promise<string> {
  const candidates =
    local.platform === 'win32'
      ? [join(process.env.ProgramData ?? 'C:\\ProgramData', 'Plex Reclaim', 'locks'), tmpdir()]
      : local.platform === 'darwin'
        ? ['/private/tmp', tmpdir()]
        : ['/run/lock', '/var/lock', '/dev/shm', '/tmp', tmpdir()]
  for (const dir of candidates) {
    if (local.platform === 'win32') await local.mkdir(dir, 0o755).catch(() => undefined) // exists, or cannot be made: the stat below decides
    const info = await local.stat(dir).catch(() => null)
    if (info?.isDirectory && (await local.canWrite(dir))) return dir
  }
  throw new CoreError('READ_ONLY', `No folder for the run's lock can be written on this computer (tried ${candidates.join(', ')}). Make /run/lock or /tmp writable; nothing was changed.`)
}

export interface LockFile {
  readonly path: string
  readonly holder: LockContent
}

/** What holds one lock file, or null when nothing live does (unreadable, special, planted, or its process gone). */
export async function liveHolder(host: Host, path: string): Promise<LockContent | null> {
  let holder: LockContent
  try {
    const parsed = lockSchema.safeParse(JSON.parse((await readSmallFile(host, path, 64 * 1024)).toString('utf8')))
    if (!parsed.success) return null
    holder = parsed.data
  } catch {
    return null // a link, FIFO, device or garbage is nobody's lock: it can neither hang nor block a run
  }
  if (holder.pid === process.pid) return [...heldHere.values()].includes(path) ? holder : null
  if (!(await host.processAlive(holder.pid))) return null
  if (holder.processStart !== null) {
    const now = await processStartOf(host, holder.pid)
    if (now !== null && now !== holder.processStart) return null // the pid was reused
  }
  return holder
}

/** The lock files in the folder, all keys (key given: only that key's). */
async function lockFiles(host: Host, dir: string, key?: string): Promise<string[]> {
  const names = await host.readdir(dir)
  return names.filter((n) => n.startsWith(PREFIX) && n.endsWith(SUFFIX) && (key === undefined || n.startsWith(`${PREFIX}${key}-`))).map((n) => join(dir, n))
}

/** Every live holder in the machine's lock folder: what the run registry asks before a journal. */
export async function liveHolders(host: Host): Promise<LockFile[]> {
  const dir = await machineLockDir(host)
  const all = await Promise.all((await lockFiles(host, dir)).map(async (path) => ({ path, holder: await liveHolder(host, path) })))
  return all.flatMap((f) => (f.holder ? [{ path: f.path, holder: f.holder }] : []))
}

const busy = (holder: LockContent): CoreError => {
  const who = holder.pid === process.pid ? ' in this window' : ` (process ${holder.pid}${holder.uid !== undefined && holder.uid !== process.geteuid?.() ? ` of user ${holder.uid}` : ''})`
  return new CoreError('RUN_IN_PROGRESS', `Another run (${holder.runId}) is already working on this server's settings${who}, started ${holder.startedAt}. Wait for it to finish; nothing was changed.`)
}

/**
 * One run at a time per settings file per host, across processes, users and backup folders: each
 * run creates its own file (O_EXCL, never through a link) named by the key, then looks for any
 * other live holder of the key and, if one exists, withdraws. Two that start together may both
 * withdraw, never both go on. A dead holder's file is removed where this user may; in a sticky
 * folder another user's stale file cannot be, and need not be: it is not live.
 */
export class RunLock {
  private readonly alongside: (() => void)[] = []

  private constructor(
    private readonly host: Host,
    readonly path: string,
    private readonly key: string
  ) {}

  static async acquire(local: Host, key: string, runId: string): Promise<RunLock> {
    if (!KEY.test(key)) throw new CoreError('INTERNAL', 'not a lock key')
    const held = heldHere.get(key)
    if (held) throw busy((await liveHolder(local, held)) ?? { pid: process.pid, runId, startedAt: new Date().toISOString(), processStart: null })
    const dir = await machineLockDir(local)
    const uid = process.geteuid?.()
    const content: LockContent = { pid: process.pid, runId, startedAt: new Date().toISOString(), processStart: await processStartOf(local, process.pid), ...(uid !== undefined ? { uid } : {}) }
    const path = join(dir, `${PREFIX}${key}-${randomBytes(8).toString('hex')}${SUFFIX}`)
    heldHere.set(key, path)
    try {
      // Readable by all (0644): other users' runs must see who holds the file; it holds no secret.
      await local.writeNewFile(path, Buffer.from(JSON.stringify(content)), 0o644)
      for (const other of await lockFiles(local, dir, key)) {
        if (other === path) continue
        const holder = await liveHolder(local, other)
        if (holder) throw busy(holder)
        // Stale: removed when it is this user's own; another user's stays in the sticky folder, harmless.
        // (Windows has no uids: there the unlink itself decides.)
        const owner = (await local.lstat(other).catch(() => null))?.uid
        if (uid === undefined || owner === uid) await unlinkRegularFile(local, other).catch(() => undefined) // gone already, or not ours to remove: a stale lock blocks nobody
      }
    } catch (error) {
      heldHere.delete(key)
      await unlinkRegularFile(local, path).catch(() => undefined)
      throw error
    }
    return new RunLock(local, path, key)
  }

  /** Something let go with this lock (the server's own lock over SSH). */
  also(release: () => void): this {
    this.alongside.push(release)
    return this
  }

  /** Lets go of what was taken alongside (the server's lock) before the run ends; once only. */
  releaseAlongside(): void {
    for (const f of this.alongside.splice(0)) f()
  }

  async release(): Promise<void> {
    this.releaseAlongside()
    if (heldHere.get(this.key) === this.path) heldHere.delete(this.key)
    await unlinkRegularFile(this.host, this.path).catch(() => undefined) // gone already: a release is done once the file is
  }
}
