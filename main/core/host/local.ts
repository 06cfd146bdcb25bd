import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promises as fs, constants, type Stats } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import type { ExecOptions, ExecResult, FileInfo, Host, WriteOptions } from './types'

const toInfo = (s: Stats): FileInfo => ({
  isFile: s.isFile(),
  isDirectory: s.isDirectory(),
  isSymbolicLink: s.isSymbolicLink(),
  size: s.size,
  mode: s.mode & 0o7777,
  uid: s.uid,
  gid: s.gid,
  mtimeMs: s.mtimeMs
})

async function statOrNull(fn: () => Promise<Stats>): Promise<FileInfo | null> {
  try {
    return toInfo(await fn())
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null
    throw error
  }
}

async function fsyncDir(path: string): Promise<void> {
  const handle = await fs.open(path, constants.O_RDONLY)
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** This machine. */
export class LocalHost implements Host {
  readonly kind = 'local' as const
  readonly platform = process.platform

  readFile(path: string): Promise<Buffer> {
    return fs.readFile(path)
  }

  lstat(path: string): Promise<FileInfo | null> {
    return statOrNull(() => fs.lstat(path))
  }

  stat(path: string): Promise<FileInfo | null> {
    return statOrNull(() => fs.stat(path))
  }

  realpath(path: string): Promise<string> {
    return fs.realpath(path)
  }

  async readdir(path: string): Promise<string[]> {
    try {
      return await fs.readdir(path)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') return []
      throw error
    }
  }

  async mkdir(path: string, mode = 0o700): Promise<void> {
    await fs.mkdir(path, { recursive: true, mode })
    await fs.chmod(path, mode)
  }

  async writeFileAtomic(path: string, data: Buffer, options: WriteOptions = {}): Promise<void> {
    const dir = dirname(path)
    const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
    const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, options.mode ?? 0o600)
    try {
      try {
        await handle.writeFile(data)
        if (options.uid !== undefined && options.gid !== undefined && process.getuid?.() === 0) {
          await handle.chown(options.uid, options.gid)
        }
        // After chown: chown clears set-id bits, and the umask must not narrow the mode.
        if (options.mode !== undefined) await handle.chmod(options.mode)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await fs.rename(temp, path)
    } catch (error) {
      await fs.rm(temp, { force: true })
      throw error
    }
    await fsyncDir(dir)
  }

  async writeNewFile(path: string, data: Buffer, mode: number): Promise<void> {
    const handle = await fs.open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode)
    try {
      await handle.writeFile(data)
      await handle.chmod(mode)
      await handle.sync()
    } finally {
      await handle.close()
    }
  }

  makeTempDir(prefix: string): Promise<string> {
    return fs.mkdtemp(join(tmpdir(), `${prefix}-`))
  }

  rename(from: string, to: string): Promise<void> {
    return fs.rename(from, to)
  }

  remove(path: string): Promise<void> {
    return fs.rm(path, { recursive: true, force: true })
  }

  async processAlive(pid: number): Promise<boolean> {
    try {
      process.kill(pid, 0)
      return true
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM'
    }
  }

  exec(program: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
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
