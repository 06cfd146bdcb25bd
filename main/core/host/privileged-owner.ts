import { spawn } from 'node:child_process'
import { lstat } from 'node:fs/promises'
import { dirname, isAbsolute } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { CoreError } from '../result'
import { FramedClient } from './privileged-channel'
import type { RequestBody } from './privileged-protocol'

/**
 * Issue 23 item 1: root never acts by path in a folder that a less privileged user can write.
 * Such a folder (or any folder above it) belongs to that user; root's writes, renames and removes
 * there are done by a worker that has become that user (spawn with uid and gid: libuv calls
 * setgroups(0, NULL), then setgid, then setuid, so no supplementary group is kept), so a link the
 * user swaps in can only lead to what the user could change anyway.
 */
export interface Owner {
  readonly uid: number
  readonly gid: number
}

/** The hidden command a worker runs as (main/cli/run.ts dispatches it before anything else). */
export const WORKER_COMMAND = 'privileged-worker'

let workerProgram: readonly string[] | null = null
const workers = new Map<string, FramedClient>()

/**
 * The entry point names this program (its own executable, plus its script when not a single
 * executable), so a worker is this same code. Without it, root does not drop (tests, the app).
 */
export function useOwnerWorkers(program: readonly string[] | null): void {
  workerProgram = program
}

/**
 * The non-root owner that root must act as for an entry in this folder: the owner of the nearest
 * folder on the way up that is not root's. null when root may act itself (every folder up to /
 * is root's) or when this process is not root. Folders that root owns but others may write
 * (not sticky) are refused: nobody in particular could be acted as.
 */
export async function actingOwner(folder: string): Promise<Owner | null> {
  if (process.geteuid?.() !== 0 || process.platform === 'win32') return null
  if (!isAbsolute(folder)) throw new CoreError('INVALID_INPUT', `${folder} is not an absolute path.`)
  for (let dir = folder; ; dir = dirname(dir)) {
    const info = await lstat(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null
      throw error
    })
    if (info) {
      if (info.uid !== 0) return { uid: info.uid, gid: info.gid }
      if (info.isDirectory() && info.mode & 0o002 && !(info.mode & 0o1000)) {
        throw new CoreError('NOT_PERMITTED', `${dir} may be changed by every user, so nothing inside it is changed as root. Nothing was changed.`)
      }
    }
    if (dir === dirname(dir)) return null
  }
}

function startWorker(owner: Owner): FramedClient {
  if (!workerProgram) throw new CoreError('TOOL_FAILED', 'No worker program is set up to act as the folder\'s owner.')
  const [program, ...args] = workerProgram
  // An empty environment: nothing named there may load code into the worker.
  const child = spawn(program!, [...args, WORKER_COMMAND], { uid: owner.uid, gid: owner.gid, env: {}, cwd: '/', stdio: ['pipe', 'pipe', 'pipe'], shell: false })
  const client = new FramedClient(
    child,
    (stderr, code) =>
      new CoreError(
        'NOT_PERMITTED',
        `Root changes files in a folder of user ${owner.uid} only as that user, and Plex Reclaim could not start itself as that user (${code === null ? 'it could not be run' : `exit ${code}`}${stderr ? `: ${stderr.trim().slice(0, 300)}` : ''}), so this step was not done. ${program} must be one that user may run: use the single-file executable, or keep node and plex-reclaim outside a private home folder.`
      )
  )
  // An idle worker does not keep this process alive; it ends when our side of its stdin closes.
  const handles = [child, child.stdout as Readable & { unref?: () => void }, child.stderr as Readable & { unref?: () => void }, child.stdin as Writable & { unref?: () => void }]
  client.onIdle = (idle) => handles.forEach((h) => ((h as { ref?: () => void; unref?: () => void })[idle ? 'unref' : 'ref'])?.())
  client.onIdle(true)
  return client
}

/** One worker per owner, started on first use and kept for the process's life. */
export function workerFor(owner: Owner): FramedClient {
  const key = `${owner.uid}:${owner.gid}`
  let w = workers.get(key)
  if (!w || w.ended) {
    w = startWorker(owner)
    workers.set(key, w)
  }
  return w
}

/** Root's write, rename or remove in folder: done by the owner's worker, or null when root may do it. */
export async function asOwner(folder: string, body: RequestBody): Promise<{ value: unknown } | null> {
  if (!workerProgram) return null
  const owner = await actingOwner(folder)
  if (!owner) return null
  return { value: await workerFor(owner).request(body) }
}

/** Ends every worker (their stdin closes); called when the program is done. */
export function closeOwnerWorkers(): void {
  for (const w of workers.values()) w.close()
  workers.clear()
}
