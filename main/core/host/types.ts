import type { HostRef } from './host-ref'
import type { NetworkCheck } from './network-check'

/**
 * The one way the core reaches files and processes. LocalHost is this machine; an SSH host can
 * implement the same interface, so the reset flow is the same code wherever the server is.
 */
export type FileType = 'file' | 'directory' | 'symlink' | 'fifo' | 'socket' | 'character-device' | 'block-device'

export interface FileInfo {
  /** The exact type where the host knows it (LocalHost does), so a message can name it. */
  readonly type?: FileType
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
  /**
   * With uid and gid: when this process cannot give the new file that owner and group, write it
   * anyway (the user's --force). Without it such a write is refused before a byte is written.
   */
  readonly allowOwnerChange?: boolean
}

/** Caps for files read from disk: beyond them a read is refused (FILE_TOO_LARGE), never attempted. */
export const READ_LIMITS = {
  settings: 64 * 1024 * 1024,
  backup: 64 * 1024 * 1024,
  pidFile: 64 * 1024,
  lock: 64 * 1024,
  journal: 64 * 1024,
  clientId: 64 * 1024,
  manifest: 1024 * 1024,
  knownHosts: 1024 * 1024,
  runLog: 1024 * 1024
} as const

export interface ReadOptions {
  /** Refuse a file larger than this (default READ_LIMITS.settings). */
  readonly maxBytes?: number
  /** Refuse when the path itself is a symbolic link (O_NOFOLLOW): for files the tool placed itself. */
  readonly noFollow?: boolean
}

export interface Host {
  readonly kind: 'local' | 'ssh'
  /** This computer's files reached as root (the privileged helper): it keeps any owner and group. */
  readonly actsAsRoot?: boolean
  /** Which machine this is: part of every installation id, journal and backup manifest. */
  readonly ref: HostRef
  /** How the host is named in messages: "this computer" or user@host. */
  readonly name: string
  readonly platform: NodeJS.Platform
  /**
   * A regular file's bytes, bounded: a FIFO, device or socket is refused without blocking
   * (SPECIAL_FILE), a file over the cap is refused (FILE_TOO_LARGE).
   */
  readFile(path: string, options?: ReadOptions): Promise<Buffer>
  /** lstat: a symlink is reported as one. null when the path does not exist. */
  lstat(path: string): Promise<FileInfo | null>
  stat(path: string): Promise<FileInfo | null>
  realpath(path: string): Promise<string>
  /**
   * The folder's names. A missing folder is [] (nothing is there); a folder this user may not read
   * is an error with code EACCES, never [] (nothing seen is not nothing there). Pinned for every
   * host by the conformance suite (conformance.ts); detection treats EACCES as "none" itself.
   */
  readdir(path: string): Promise<string[]>
  /** Creates the folder and its parents; the last one gets the mode. */
  mkdir(path: string, mode?: number): Promise<void>
  /** Temp file in the same folder, fsync, rename, fsync the folder; owner and mode applied first. */
  writeFileAtomic(path: string, data: Buffer, options?: WriteOptions): Promise<void>
  /** A new file that must not exist yet, fsynced before the promise resolves. */
  writeNewFile(path: string, data: Buffer, mode: number): Promise<void>
  /** Whether this process may write the path (access W_OK). */
  canWrite(path: string): Promise<boolean>
  /** Why the path cannot be written (an errno code: EROFS, EPERM, EACCES), or null when it can; optional. */
  writeRefusal?(path: string): Promise<string | null>
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
  /**
   * Hint: these paths will be looked at next (their type, owner, content), and these programs
   * looked for (which). A host with a slow link (SSH) answers them in one exchange; this computer
   * ignores it.
   */
  prime?(paths: readonly string[], options?: { readonly network?: string; readonly programs?: readonly string[] }): Promise<void>
  /**
   * This machine's clock and whether it reaches plex.tv (url; none: the clock only). Over SSH a
   * prime() with the same network address has already asked, in its one exchange.
   */
  network(url: string | undefined): Promise<NetworkCheck>
  /**
   * A host that other computers and users reach too (SSH) keeps its own lock per settings file,
   * taken and let go along with the next exchange; this computer's lock is the machine-wide one.
   */
  readonly settingsLock?: { take(location: string, runId: string): void; drop(location: string, runId: string): void }
  /** A wait the server does itself, answered once (SSH, with the server's curl); null where it cannot. */
  waitOnServer?(query: WaitQuery): Promise<WaitAnswer | null>
  /** execFile with an argument array; the program is found through PATH. Never a shell. */
  exec(program: string, args: readonly string[], options?: ExecOptions): Promise<ExecResult>
}

/** A wait for a stopped or started server, by its pid file and its local API's port. */
export interface WaitQuery {
  readonly pidFile: string | null
  readonly port: number
  readonly verb: 'stop' | 'start'
  readonly timeoutMs: number
}

/** What the server saw last: its process, and what its API answered (null: nothing). */
export interface WaitAnswer {
  readonly processAlive: boolean
  readonly answer: { readonly status: number; readonly body: string } | null
}
