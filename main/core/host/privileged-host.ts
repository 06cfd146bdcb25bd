import type { ChildProcess } from 'node:child_process'
import { posix } from 'node:path'
import type { HostRef } from './host-ref'
import type { NetworkCheck } from './network-check'
import { FramedClient } from './privileged-channel'
import type { RequestBody } from './privileged-protocol'
import type { ExecOptions, ExecResult, FileInfo, Host, ReadOptions, WriteOptions } from './types'

export interface PrivilegedStart {
  /** Starts the helper (pkexec with an argument array); called once, on the first privileged use. */
  spawn(): Promise<ChildProcess>
  /** The error for a helper that ended before it was ready: pkexec's refusals, with what to do instead. */
  endedEarly(stderr: string, code: number | null, notFound: boolean): Error
}

/**
 * This computer, with the settings of a root-owned installation reached through the privileged
 * helper (issue 23 item 2): the engine uses it like LocalHost, while its journals, locks, logs and
 * backups stay with the user (the run's localHost). Paths inside `roots` and the fixed control
 * programs go to the helper, started once and kept for the app's session (one password prompt);
 * everything else is done here, as the user.
 */
export class PrivilegedHost implements Host {
  readonly kind = 'local' as const
  readonly actsAsRoot = true
  readonly ref: HostRef
  readonly name: string
  readonly platform: NodeJS.Platform
  private client: FramedClient | null = null
  private starting: Promise<FramedClient> | null = null
  /** A refused prompt stands until the next use case (retry()): one run never asks twice. */
  private refusal: Error | null = null
  private readonly roots: Set<string> = new Set()

  constructor(
    private readonly local: Host,
    private readonly start: PrivilegedStart,
    private readonly programs: readonly string[] = ['systemctl', 'service']
  ) {
    this.ref = local.ref
    this.name = local.name
    this.platform = local.platform
  }

  /** A data folder whose files go through the helper (the helper checks it against its own detection). */
  addRoot(dir: string): void {
    this.roots.add(dir)
  }

  /** Whether the helper is running (the user has answered the prompt in this session). */
  get started(): boolean {
    return this.client !== null && !this.client.ended
  }

  private routed(path: string): boolean {
    const p = posix.normalize(path)
    for (const r of this.roots) if (p === r || p.startsWith(`${r}/`)) return true
    return false
  }

  /** The helper, started on first use; a helper that ended is started again (and asks again). */
  private helper(): Promise<FramedClient> {
    if (this.client?.ended) this.starting = null
    this.starting ??= this.start.spawn().then((child) => (this.client = new FramedClient(child, (stderr, code, notFound) => this.start.endedEarly(stderr, code, notFound))))
    const pending = this.starting
    pending.catch(() => { // a failed start is retried by the next call; the caller sees the error itself
      if (this.starting === pending) this.starting = null
    })
    return pending
  }

  private async ask(body: RequestBody): Promise<unknown> {
    await this.open()
    return this.client!.request(body)
  }

  /**
   * Starts the helper now (the password prompt) and waits until it is ready; a refusal is thrown
   * as pkexec's outcome, before the use case has done anything.
   */
  async open(): Promise<void> {
    if (this.refusal) throw this.refusal
    const client = await this.helper()
    try {
      await client.ready
    } catch (error) {
      this.refusal = error as Error
      throw error
    }
  }

  /** A new use case may ask again after a refused or cancelled prompt. */
  retry(): void {
    this.refusal = null
  }

  async readFile(path: string, options: ReadOptions = {}): Promise<Buffer> {
    if (!this.routed(path)) return this.local.readFile(path, options)
    return Buffer.from((await this.ask({ op: 'readFile', path, maxBytes: options.maxBytes, noFollow: options.noFollow })) as string, 'base64')
  }

  async lstat(path: string): Promise<FileInfo | null> {
    return this.routed(path) ? ((await this.ask({ op: 'lstat', path })) as FileInfo | null) : this.local.lstat(path)
  }

  async stat(path: string): Promise<FileInfo | null> {
    return this.routed(path) ? ((await this.ask({ op: 'stat', path })) as FileInfo | null) : this.local.stat(path)
  }

  async realpath(path: string): Promise<string> {
    return this.routed(path) ? ((await this.ask({ op: 'realpath', path })) as string) : this.local.realpath(path)
  }

  async readdir(path: string): Promise<string[]> {
    return this.routed(path) ? ((await this.ask({ op: 'readdir', path })) as string[]) : this.local.readdir(path)
  }

  async mkdir(path: string, mode?: number): Promise<void> {
    if (this.routed(path)) await this.ask({ op: 'mkdir', path, mode })
    else await this.local.mkdir(path, mode)
  }

  async writeFileAtomic(path: string, data: Buffer, options: WriteOptions = {}): Promise<void> {
    if (!this.routed(path)) return this.local.writeFileAtomic(path, data, options)
    await this.ask({ op: 'writeFileAtomic', path, data: data.toString('base64'), mode: options.mode, uid: options.uid, gid: options.gid, allowOwnerChange: options.allowOwnerChange })
  }

  async writeNewFile(path: string, data: Buffer, mode: number): Promise<void> {
    if (!this.routed(path)) return this.local.writeNewFile(path, data, mode)
    await this.ask({ op: 'writeNewFile', path, data: data.toString('base64'), mode })
  }

  async canWrite(path: string): Promise<boolean> {
    return this.routed(path) ? ((await this.ask({ op: 'canWrite', path })) as boolean) : this.local.canWrite(path)
  }

  async freeBytes(path: string): Promise<number | null> {
    return this.routed(path) ? ((await this.ask({ op: 'freeBytes', path })) as number | null) : this.local.freeBytes(path)
  }

  async syncDir(path: string): Promise<void> {
    if (this.routed(path)) await this.ask({ op: 'syncDir', path })
    else await this.local.syncDir(path)
  }

  makeTempDir(prefix: string): Promise<string> {
    return this.local.makeTempDir(prefix)
  }

  async rename(from: string, to: string): Promise<void> {
    if (this.routed(from) || this.routed(to)) await this.ask({ op: 'rename', path: from, to })
    else await this.local.rename(from, to)
  }

  async remove(path: string): Promise<void> {
    if (this.routed(path)) await this.ask({ op: 'remove', path })
    else await this.local.remove(path)
  }

  processAlive(pid: number): Promise<boolean> {
    return this.local.processAlive(pid)
  }

  spawnDetached(program: string, args: readonly string[]): Promise<void> {
    return this.local.spawnDetached(program, args)
  }

  which(program: string): Promise<string | null> {
    return this.local.which(program)
  }

  network(url: string | undefined): Promise<NetworkCheck> {
    return this.local.network(url)
  }

  /** The control programs run as root in the helper (it allows only the stop and start of what it found). */
  async exec(program: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    if (!this.programs.includes(program) || options.input !== undefined || options.env) return this.local.exec(program, args, options)
    if (program === 'systemctl' && !['stop', 'start'].includes(args[0] ?? '')) return this.local.exec(program, args, options)
    if (program === 'service' && !['stop', 'start'].includes(args[1] ?? '')) return this.local.exec(program, args, options)
    return (await this.ask({ op: 'exec', program, args: [...args], timeoutMs: options.timeoutMs })) as ExecResult
  }

  /** Closes the helper's stdin: it ends (and so do its workers). */
  close(): void {
    this.client?.close()
    this.client = null
    this.starting = null
  }
}
