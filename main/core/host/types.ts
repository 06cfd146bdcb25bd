import type { HostRef } from './host-ref'

/**
 * The one way the core reaches files and processes. LocalHost is this machine; an SSH host can
 * implement the same interface, so the reset flow is the same code wherever the server is.
 */
export interface FileInfo {
  readonly isFile: boolean
  readonly isDirectory: boolean
  readonly isSymbolicLink: boolean
  readonly size: number
  readonly mode: number
  readonly uid: number
  readonly gid: number
  readonly mtimeMs: number
}

export interface ExecOptions {
  readonly timeoutMs?: number
  readonly input?: string
  readonly env?: Readonly<Record<string, string | undefined>>
}

export interface ExecResult {
  /** null when the program could not be started (not found on PATH) or was killed. */
  readonly exitCode: number | null
  readonly stdout: string
  readonly stderr: string
  readonly notFound: boolean
  readonly timedOut: boolean
}

export interface WriteOptions {
  readonly mode?: number
  readonly uid?: number
  readonly gid?: number
}

export interface Host {
  readonly kind: 'local' | 'ssh'
  /** Which machine this is: part of every installation id, journal and backup manifest. */
  readonly ref: HostRef
  /** How the host is named in messages: "this computer" or user@host. */
  readonly name: string
  readonly platform: NodeJS.Platform
  readFile(path: string): Promise<Buffer>
  /** lstat: a symlink is reported as one. null when the path does not exist. */
  lstat(path: string): Promise<FileInfo | null>
  stat(path: string): Promise<FileInfo | null>
  realpath(path: string): Promise<string>
  readdir(path: string): Promise<string[]>
  /** Creates the folder and its parents; the last one gets the mode. */
  mkdir(path: string, mode?: number): Promise<void>
  /** Temp file in the same folder, fsync, rename, fsync the folder; owner and mode applied first. */
  writeFileAtomic(path: string, data: Buffer, options?: WriteOptions): Promise<void>
  /** A new file that must not exist yet, fsynced before the promise resolves. */
  writeNewFile(path: string, data: Buffer, mode: number): Promise<void>
  /** Whether this process may write the path (access W_OK). */
  canWrite(path: string): Promise<boolean>
  /** Free bytes for an unprivileged user on the file system holding the path; null when unknown. */
  freeBytes(path: string): Promise<number | null>
  /** fsync of a folder, so the entries created in it are durable. */
  syncDir(path: string): Promise<void>
  /** A fresh private folder (0700) for a tool's export; remove() it when done. */
  makeTempDir(prefix: string): Promise<string>
  rename(from: string, to: string): Promise<void>
  remove(path: string): Promise<void>
  /** Whether a process with this pid exists (EPERM counts as alive: it exists, just not ours). */
  processAlive(pid: number): Promise<boolean>
  /** Starts a program that keeps running on its own (a tray app); resolves once it has started. */
  spawnDetached(program: string, args: readonly string[]): Promise<void>
  /** Where a program is on this host's PATH (for pkexec and preflight), or null. */
  which(program: string): Promise<string | null>
  /** execFile with an argument array; the program is found through PATH. Never a shell. */
  exec(program: string, args: readonly string[], options?: ExecOptions): Promise<ExecResult>
}
