import { LOCAL_HOST, type HostRef } from './host-ref'
import * as fs from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, delimiter, dirname, isAbsolute, join } from 'node:path'
import { localNetworkCheck, type NetworkCheck } from './network-check'
import { ownershipKeepable, ownershipRefused, verifyOwnership } from './ownership'
import { asOwner } from './privileged-owner'
import { notARegularFile, tooLarge } from './read-errors'
import { READ_LIMITS, type ExecOptions, type ExecResult, type FileInfo, type FileType, type Host, type ReadOptions, type WriteOptions } from './types'

export { ownershipKeepable } from './ownership'

const typeOf = (s: fs.Stats): FileType =>
  s.isFile() ? 'file' : s.isDirectory() ? 'directory' : s.isSymbolicLink() ? 'symlink' : s.isFIFO() ? 'fifo' : s.isSocket() ? 'socket' : s.isCharacterDevice() ? 'character-device' : 'block-device'

// Absent on Windows, where neither a FIFO nor O_NOFOLLOW exists in this form.
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0

/**
 * Open without blocking (a FIFO opens at once), fstat the open file (no race with a swap), and
 * read at most maxBytes + 1 bytes, whatever the size claims (/proc files claim 0).
 */
async function readBounded(path: string, { maxBytes = READ_LIMITS.settings, noFollow = false }: ReadOptions): Promise<Buffer> {
  const handle = await fs.promises.open(path, fs.constants.O_RDONLY | O_NONBLOCK | (noFollow ? O_NOFOLLOW : 0))
  try {
    const s = await handle.stat()
    if (!s.isFile()) throw notARegularFile(path, typeOf(s))
    if (s.size > maxBytes) throw tooLarge(path, maxBytes)
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(s.size + 1, 8192)))
    let total = 0
    for (;;) {
      if (total === buffer.length) {
        if (total > maxBytes) throw tooLarge(path, maxBytes)
        const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2))
        buffer.copy(grown, 0, 0, total)
        buffer = grown
      }
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null)
      if (bytesRead === 0) break
      total += bytesRead
    }
    if (total > maxBytes) throw tooLarge(path, maxBytes)
    return buffer.subarray(0, total)
  } finally {
    await handle.close()
  }
}

const toInfo = (s: fs.Stats): FileInfo => ({
  type: typeOf(s),
  isFile: s.isFile(),
  isDirectory: s.isDirectory(),
  isSymbolicLink: s.isSymbolicLink(),
  size: s.size,
  mode: s.mode & 0o7777,
  uid: s.uid,
  gid: s.gid,
  mtimeMs: s.mtimeMs
})

const missing = (error: unknown): boolean => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')
let tempCounter = 0

/** A missing path is null, not an error; any other error stands. */
async function infoOrNull(pending: Promise<fs.Stats>): Promise<FileInfo | null> {
  try {
    return toInfo(await pending)
  } catch (error) {
    if (missing(error)) return null
    throw error
  }
}

/** This machine. */
export class LocalHost implements Host {
  readonly kind = 'local' as const
  readonly name = 'this computer'
  readonly ref: HostRef = LOCAL_HOST
  readonly platform = process.platform
  readFile(path: string, options: ReadOptions = {}): Promise<Buffer> {
    return readBounded(path, options)
  }

  lstat(path: string): Promise<FileInfo | null> {
    return infoOrNull(fs.promises.lstat(path))
  }

  stat(path: string): Promise<FileInfo | null> {
    return infoOrNull(fs.promises.stat(path))
  }

  realpath(path: string): Promise<string> {
    return fs.promises.realpath(path)
  }

  async readdir(path: string): Promise<string[]> {
    try {
      return await fs.promises.readdir(path)
    } catch (error) {
      if (missing(error)) return [] // the Host contract: missing is empty; unreadable (EACCES) is an error
      throw error
    }
  }

  /** Creates the missing folders with the mode; an existing folder is left exactly as it is. */
  async mkdir(path: string, mode = 0o700): Promise<void> {
    if (await asOwner(dirname(path), { op: 'mkdir', path, mode })) return
    const first = await fs.promises.mkdir(path, { recursive: true, mode })
    if (first === undefined) return
    // The umask may have narrowed what was asked for; only the folders created here are touched.
    for (let p = path; ; p = dirname(p)) {
      await fs.promises.chmod(p, mode)
      if (p === first || p === dirname(p)) break
    }
  }

  async writeFileAtomic(path: string, data: Buffer, options: WriteOptions = {}): Promise<void> {
    const { uid, gid } = options
    const keepOwner = uid !== undefined && gid !== undefined && process.geteuid !== undefined
    // Decided before a byte is written: a file that would change hands is refused (unless --force).
    const canKeep = keepOwner && ownershipKeepable(uid, gid)
    if (keepOwner && !canKeep && !options.allowOwnerChange) throw ownershipRefused(path, uid, gid)
    const dir = dirname(path)
    // Root in a folder another user can write: the folder's owner writes it (issue 23 item 1).
    if (await asOwner(dir, { op: 'writeFileAtomic', path, data: data.toString('base64'), mode: options.mode, uid, gid, allowOwnerChange: options.allowOwnerChange })) return
    // Unique without randomness: O_EXCL refuses any clash anyway.
    const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.${tempCounter++}.tmp`)
    const handle = await fs.promises.open(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | O_NOFOLLOW, options.mode ?? 0o600)
    try {
      try {
        await handle.writeFile(data)
        // The owner may hand a file to any group it is in; root to anyone. The temp file starts
        // with this process's group (or the folder's setgid group), so this is needed for non-root too.
        if (canKeep) await handle.chown(uid!, gid!)
        // After chown: chown clears set-id bits, and the umask must not narrow the mode.
        if (options.mode !== undefined) await handle.chmod(options.mode)
        const written = await handle.stat()
        if (canKeep) verifyOwnership(path, written, uid!, gid!, options.mode)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await fs.promises.rename(temp, path)
    } catch (error) {
      await fs.promises.rm(temp, { force: true })
      throw error
    }
    await this.syncDir(dir)
    if (canKeep) verifyOwnership(path, await fs.promises.lstat(path), uid!, gid!, options.mode)
  }

  async writeNewFile(path: string, data: Buffer, mode: number): Promise<void> {
    if (await asOwner(dirname(path), { op: 'writeNewFile', path, data: data.toString('base64'), mode })) return
    const handle = await fs.promises.open(path, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | O_NOFOLLOW, mode)
    try {
      await handle.writeFile(data)
      await handle.chmod(mode)
      await handle.sync()
    } finally {
      await handle.close()
    }
  }

  async canWrite(path: string): Promise<boolean> {
    return (await this.writeRefusal(path)) === null
  }

  async writeRefusal(path: string): Promise<string | null> {
    try {
      await fs.promises.access(path, fs.constants.W_OK)
      return null
    } catch (error) { // the code is the answer
      return (error as NodeJS.ErrnoException).code ?? 'EACCES'
    }
  }

  async freeBytes(path: string): Promise<number | null> {
    try {
      const s = await fs.promises.statfs(path)
      return s.bavail * s.bsize
    } catch { // no statfs here: free space unknown, the write itself reports a full disk
      return null
    }
  }

  async syncDir(path: string): Promise<void> {
    // Windows cannot fsync a folder (FlushFileBuffers on it fails: EPERM, seen under Wine with the
    // Windows build of Node); NTFS journals the new entries itself.
    if (process.platform === 'win32') return
    const handle = await fs.promises.open(path, fs.constants.O_RDONLY)
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  }

  makeTempDir(prefix: string): Promise<string> {
    return fs.promises.mkdtemp(join(tmpdir(), `${prefix}-`))
  }

  async rename(from: string, to: string): Promise<void> {
    if (await asOwner(dirname(from), { op: 'rename', path: from, to })) return
    return fs.promises.rename(from, to)
  }

  async remove(path: string): Promise<void> {
    if (await asOwner(dirname(path), { op: 'remove', path })) return
    return fs.promises.rm(path, { recursive: true, force: true })
  }

  async processAlive(pid: number): Promise<boolean> {
    try {
      process.kill(pid, 0)
    } catch (error) { // ESRCH: gone; EPERM: alive, another user's
      return (error as NodeJS.ErrnoException).code === 'EPERM'
    }
    // A process that has exited but is not reaped yet (a zombie) still takes signals: it has stopped.
    if (this.platform !== 'linux') return true
    try {
      const stat = await readBounded(`/proc/${pid}/stat`, { maxBytes: 64 * 1024 })
      return stat.toString('latin1').slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
    } catch { // no /proc entry to read: the signal above said it is alive
      return true
    }
  }

  network(url: string | undefined): Promise<NetworkCheck> {
    return localNetworkCheck(url)
  }

  async which(program: string): Promise<string | null> {
    if (isAbsolute(program)) return program
    for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
      const info = await this.stat(join(dir, program)).catch(() => null) // absent: not on this PATH entry
      if (info?.isFile && info.mode & 0o111) return join(dir, program)
    }
    return null
  }

  async spawnDetached(program: string, args: readonly string[]): Promise<void> {
    const { spawn } = await import('node:child_process')
    await new Promise<void>((resolve, reject) => {
      const child = spawn(program, [...args], { detached: true, stdio: 'ignore', windowsHide: false })
      child.once('error', reject)
      child.once('spawn', () => {
        child.unref()
        resolve()
      })
    })
  }

  async exec(program: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    // Loaded on first use: a reset of a stopped server never starts a process.
    const { execFile } = await import('node:child_process')
    return new Promise((resolve) => {
      const child = execFile(
        program,
        [...args],
        {
          encoding: 'utf8',
          timeout: options.timeoutMs ?? 60_000,
          maxBuffer: 16 * 1024 * 1024,
          windowsHide: true,
          env: options.env ? { ...process.env, ...options.env } : process.env
        },
        (error, stdout, stderr) => {
          const e = error as (Omit<NodeJS.ErrnoException, 'code'> & { killed?: boolean; signal?: string | null; code?: number | string }) | null
          const notFound = e?.code === 'ENOENT'
          const timedOut = Boolean(e?.killed) && e?.signal === 'SIGTERM'
          const exitCode = !e ? 0 : typeof e.code === 'number' ? e.code : null
          resolve({ exitCode, stdout, stderr, notFound, timedOut })
        }
      )
      if (options.input !== undefined) child.stdin?.end(options.input)
    })
  }
}

export const localHost = new LocalHost()
