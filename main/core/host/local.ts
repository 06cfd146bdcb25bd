import * as fs from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, delimiter, dirname, isAbsolute, join } from 'node:path'
import { promisify } from 'node:util'
import type { ExecOptions, ExecResult, FileInfo, Host, WriteOptions } from './types'

/** The file operations LocalHost needs, all fd-based so both variants share one algorithm. */
interface FsOps {
  readFile(path: string): Promise<Buffer>
  lstat(path: string): Promise<fs.Stats>
  stat(path: string): Promise<fs.Stats>
  realpath(path: string): Promise<string>
  readdir(path: string): Promise<string[]>
  mkdir(path: string, options: fs.MakeDirectoryOptions & { recursive: true }): Promise<string | undefined>
  chmod(path: string, mode: number): Promise<void>
  open(path: string, flags: number, mode?: number): Promise<number>
  write(fd: number, data: Buffer): Promise<unknown>
  fchown(fd: number, uid: number, gid: number): Promise<void>
  fchmod(fd: number, mode: number): Promise<void>
  fsync(fd: number): Promise<void>
  close(fd: number): Promise<void>
  rename(from: string, to: string): Promise<void>
  rm(path: string, options: fs.RmOptions): Promise<void>
  mkdtemp(prefix: string): Promise<string>
}

const asyncOps: FsOps = {
  readFile: (p) => fs.promises.readFile(p),
  lstat: (p) => fs.promises.lstat(p),
  stat: (p) => fs.promises.stat(p),
  realpath: (p) => fs.promises.realpath(p),
  readdir: (p) => fs.promises.readdir(p),
  mkdir: (p, o) => fs.promises.mkdir(p, o),
  chmod: (p, m) => fs.promises.chmod(p, m),
  open: promisify(fs.open) as FsOps['open'],
  write: (fd, data) => promisify(fs.writeFile)(fd, data),
  fchown: promisify(fs.fchown),
  fchmod: promisify(fs.fchmod),
  fsync: promisify(fs.fsync),
  close: promisify(fs.close),
  rename: (a, b) => fs.promises.rename(a, b),
  rm: (p, o) => fs.promises.rm(p, o),
  mkdtemp: (p) => fs.promises.mkdtemp(p)
}

// Blocking calls behind the same promises: for the CLI, a one-shot process with nothing else to
// serve, they save a thread-pool round trip per call (bench/reset-cli.mjs). The app stays async,
// so a slow disk never freezes its window.
const blockingOps: FsOps = {
  readFile: async (p) => fs.readFileSync(p),
  lstat: async (p) => fs.lstatSync(p),
  stat: async (p) => fs.statSync(p),
  realpath: async (p) => fs.realpathSync(p),
  readdir: async (p) => fs.readdirSync(p),
  mkdir: async (p, o) => fs.mkdirSync(p, o),
  chmod: async (p, m) => fs.chmodSync(p, m),
  open: async (p, f, m) => fs.openSync(p, f, m),
  write: async (fd, data) => fs.writeFileSync(fd, data),
  fchown: async (fd, u, g) => fs.fchownSync(fd, u, g),
  fchmod: async (fd, m) => fs.fchmodSync(fd, m),
  fsync: async (fd) => fs.fsyncSync(fd),
  close: async (fd) => fs.closeSync(fd),
  rename: async (a, b) => fs.renameSync(a, b),
  rm: async (p, o) => fs.rmSync(p, o),
  mkdtemp: async (p) => fs.mkdtempSync(p)
}

const toInfo = (s: fs.Stats): FileInfo => ({
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
  readonly platform = process.platform
  private readonly fs: FsOps

  constructor(options: { readonly blocking?: boolean } = {}) {
    this.fs = options.blocking ? blockingOps : asyncOps
  }

  readFile(path: string): Promise<Buffer> {
    return this.fs.readFile(path)
  }

  lstat(path: string): Promise<FileInfo | null> {
    return infoOrNull(this.fs.lstat(path))
  }

  stat(path: string): Promise<FileInfo | null> {
    return infoOrNull(this.fs.stat(path))
  }

  realpath(path: string): Promise<string> {
    return this.fs.realpath(path)
  }

  async readdir(path: string): Promise<string[]> {
    try {
      return await this.fs.readdir(path)
    } catch (error) {
      if (missing(error) || (error as NodeJS.ErrnoException).code === 'EACCES') return []
      throw error
    }
  }

  async mkdir(path: string, mode = 0o700): Promise<void> {
    await this.fs.mkdir(path, { recursive: true, mode })
    await this.fs.chmod(path, mode)
  }

  async writeFileAtomic(path: string, data: Buffer, options: WriteOptions = {}): Promise<void> {
    const dir = dirname(path)
    // Unique without randomness: O_EXCL refuses any clash anyway.
    const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.${tempCounter++}.tmp`)
    const fd = await this.fs.open(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, options.mode ?? 0o600)
    try {
      try {
        await this.fs.write(fd, data)
        if (options.uid !== undefined && options.gid !== undefined && process.getuid?.() === 0) await this.fs.fchown(fd, options.uid, options.gid)
        // After chown: chown clears set-id bits, and the umask must not narrow the mode.
        if (options.mode !== undefined) await this.fs.fchmod(fd, options.mode)
        await this.fs.fsync(fd)
      } finally {
        await this.fs.close(fd)
      }
      await this.fs.rename(temp, path)
    } catch (error) {
      await this.fs.rm(temp, { force: true })
      throw error
    }
    await this.syncDir(dir)
  }

  async writeNewFile(path: string, data: Buffer, mode: number): Promise<void> {
    const fd = await this.fs.open(path, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, mode)
    try {
      await this.fs.write(fd, data)
      await this.fs.fchmod(fd, mode)
      await this.fs.fsync(fd)
    } finally {
      await this.fs.close(fd)
    }
  }

  async canWrite(path: string): Promise<boolean> {
    try {
      await fs.promises.access(path, fs.constants.W_OK)
      return true
    } catch {
      return false
    }
  }

  async freeBytes(path: string): Promise<number | null> {
    try {
      const s = await fs.promises.statfs(path)
      return s.bavail * s.bsize
    } catch {
      return null
    }
  }

  async syncDir(path: string): Promise<void> {
    // Windows cannot fsync a folder (FlushFileBuffers on it fails: EPERM, seen under Wine with the
    // Windows build of Node); NTFS journals the new entries itself.
    if (process.platform === 'win32') return
    const fd = await this.fs.open(path, fs.constants.O_RDONLY)
    try {
      await this.fs.fsync(fd)
    } finally {
      await this.fs.close(fd)
    }
  }

  makeTempDir(prefix: string): Promise<string> {
    return this.fs.mkdtemp(join(tmpdir(), `${prefix}-`))
  }

  rename(from: string, to: string): Promise<void> {
    return this.fs.rename(from, to)
  }

  remove(path: string): Promise<void> {
    return this.fs.rm(path, { recursive: true, force: true })
  }

  async processAlive(pid: number): Promise<boolean> {
    try {
      process.kill(pid, 0)
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM'
    }
    // A process that has exited but is not reaped yet (a zombie) still takes signals: it has stopped.
    if (this.platform !== 'linux') return true
    try {
      const stat = await this.fs.readFile(`/proc/${pid}/stat`)
      return stat.toString('latin1').slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
    } catch {
      return true
    }
  }

  async which(program: string): Promise<string | null> {
    if (isAbsolute(program)) return program
    for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
      const info = await this.stat(join(dir, program)).catch(() => null)
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
