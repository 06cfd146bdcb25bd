import { randomBytes } from 'node:crypto'
import type { Server } from 'node:net'
import { posix } from 'node:path'
import type { Client as SshClient } from 'ssh2'
import { CoreError } from '../result'
import { normaliseHostName, type HostRef } from './host-ref'
import { ChannelPool, type RunResult } from './ssh-channels'
import { openConnection, type SshAuth } from './ssh-connect'
import { parseFacts, toErrno, type Facts, type PathFacts } from './ssh-facts'
import { AS_OWNER, FACTS_CONTENT_CAP, FACTS_SCRIPT, INSTALL_INNER, MKDIR_SCRIPT, NEW_FILE_INNER, REMOVE_INNER, RENAME_INNER, refusalOf } from './ssh-scripts'
import { forwardPort } from './ssh-forward'
import { LockQueue } from './ssh-lock'
import { probeableUrl, type NetworkCheck } from './network-check'
import type { KnownHosts } from './ssh-known-hosts'
import { Stager } from './ssh-stage'
import { probeSudo, sudoInput, sudoPrefix, type SudoChoice, type SudoMode } from './ssh-sudo'
import { commandLine, scriptLine, targetName, type SshTarget } from './ssh-target'
import { READ_SCRIPT, readBoundedOverSsh } from './ssh-read'
import { Answers } from './ssh-answers'
import { serverWaiter } from './ssh-wait'
import { WORKER_SCRIPT } from './ssh-worker'
import type { ExecOptions, ExecResult, FileInfo, Host, ReadOptions, WaitAnswer, WaitQuery, WriteOptions } from './types'

export { HostKeyUnknownError, type SshAuth } from './ssh-connect'
export { KnownHosts, knownHostsPathFor } from './ssh-known-hosts'
export type { SudoChoice } from './ssh-sudo'
export { fingerprintOf, parseSshTarget, shellQuote, type SshTarget } from './ssh-target'

type Words = readonly string[] | { readonly script: string; readonly args?: readonly string[] }
type Question = keyof PathFacts
/** One line a tool printed, exactly: only its final newline goes (a name may end in a space). */
const exactLine = (out: Buffer): string => out.toString('utf8').replace(/\n$/, '')

/**
 * A server reached over SSH (ssh2; no ssh client needed here). Only POSIX tools are assumed on the
 * server (sh, stat in its GNU or BSD form, cat, head, od, mv, chmod, chown, mktemp, df, kill).
 * Every argument is quoted for the remote shell, so paths and names can never become commands.
 */
export class SshHost implements Host {
  readonly kind = 'ssh' as const
  readonly name: string
  private system = 'Linux'
  private sudo: SudoMode = { kind: 'off' }
  private readonly pool: ChannelPool
  private readonly stager: Stager
  private readonly forwards: Server[] = []
  private readonly known = new Answers() // what the last exchanges answered, each answer used once
  readonly settingsLock = new LockQueue() // the server's own lock per settings file, with the next exchange

  /** Which machine this is: its normalised name and port, with the user and verified key beside it. */
  readonly ref: HostRef

  private constructor(
    private readonly client: SshClient,
    readonly target: SshTarget,
    fingerprint: string,
    channelLimit?: number
  ) {
    this.name = targetName(target)
    this.ref = { kind: 'ssh', host: normaliseHostName(target.host), port: target.port, user: target.user, fingerprint }
    this.pool = new ChannelPool(client, this.name, channelLimit)
    this.stager = new Stager(client, this.pool, (script, args, input) => this.pool.run(scriptLine(script, args), input, 60_000))
  }

  get platform(): NodeJS.Platform {
    return this.system === 'FreeBSD' ? 'freebsd' : this.system === 'Darwin' ? 'darwin' : 'linux'
  }

  /** This end's address on the connection: what the server sees as the client, unless NAT is between. */
  get localAddress(): string | null {
    return (this.client as unknown as { _sock?: { localAddress?: string } })._sock?.localAddress ?? null
  }

  /** Logs in; with `sudo`, finds out once how sudo behaves (each failure has its own message). */
  static async connect(target: SshTarget, auth: SshAuth, knownHosts: KnownHosts, confirmedFingerprint?: string, options: { sudo?: SudoChoice | null; channelLimit?: number } = {}): Promise<SshHost> {
    const { client, fingerprint } = await openConnection(target, auth, knownHosts, confirmedFingerprint)
    const host = new SshHost(client, target, fingerprint, options.channelLimit)
    if (options.sudo) await host.useSudo(options.sudo).catch((error: unknown) => {
      host.close()
      throw error
    })
    if (host.sudo.kind !== 'password') void host.pool.startWorker(scriptLine(WORKER_SCRIPT, [])) // beside the first commands
    return host
  }

  /** From now on every command runs through sudo: `sudo -n` if no password is needed, else -S -k. */
  async useSudo(choice: SudoChoice): Promise<void> {
    this.sudo = await probeSudo((line, input) => this.pool.run(line, input, 30_000, input !== undefined), this.target.user, this.target.host, choice)
    if (this.sudo.kind === 'password') this.pool.stopWorker() // every command carries the password: each on a channel of its own
  }

  get stagedThroughSftp(): boolean { return this.stager.usedSftp } // privileged writes' bytes: SFTP, else a fixed shell command

  /**
   * Runs one command line, through sudo when it is on. A script is constant text run by sh -c, with
   * every variable part passed as a positional parameter ("$1", "$2"), never spliced into it.
   */
  private async run(plain: Words, input?: Buffer, timeoutMs = 60_000, secret = false): Promise<RunResult> {
    const [words, checked] = this.settingsLock.wrap(plain, this.name)
    const line = 'script' in words ? scriptLine(words.script, words.args ?? []) : commandLine(words)
    if (this.sudo.kind === 'password' && input !== undefined) {
      throw new CoreError('INTERNAL', 'A privileged command with a password gets no other input.')
    }
    return checked(await this.pool.run(sudoPrefix(this.sudo) + line, input ?? sudoInput(this.sudo), timeoutMs, secret || this.sudo.kind === 'password'))
  }

  /** Anything that may change the server: earlier answers no longer hold. */
  private async change(words: Words, input?: Buffer, timeoutMs?: number, secret = false): Promise<RunResult> {
    this.known.forget()
    return this.run(words, input, timeoutMs, secret)
  }

  /** Facts for many paths in one command (detection asks for everything it needs at once). */
  async facts(paths: readonly string[], options: { docker?: boolean; children?: number; contentCap?: number; network?: string; programs?: readonly string[] } = {}): Promise<Facts> {
    const url = probeableUrl(options.network)
    const programs = (options.programs ?? []).filter((p) => /^[A-Za-z0-9._+-]+$/.test(p)).join(' ')
    const flags = `u${options.docker ? 'd' : ''}${url !== undefined ? 'n' : ''}${programs ? 'p' : ''}`
    const lead = [...(url !== undefined ? [url] : []), ...(programs ? [programs] : [])]
    const r = await this.run({ script: FACTS_SCRIPT, args: [String(options.contentCap ?? FACTS_CONTENT_CAP), String(options.children ?? 0), flags, ...lead, ...paths] })
    const facts = this.learn(r, paths[0] ?? '/')
    this.known.learn(facts, paths, url) // every exchange answers the next question about each of its paths
    return facts
  }

  /** Answers the next questions about these paths (and programs) from one exchange (each answer is used once). */
  async prime(paths: readonly string[], options: { readonly network?: string; readonly programs?: readonly string[] } = {}): Promise<void> {
    const missing = this.known.unanswered(paths) // answered by the last exchange and not asked about since: no new one
    if (missing.length > 0 || options.network !== undefined || options.programs?.length) await this.facts(missing, options)
  }

  /** The server's own clock and network, from the last prime when it asked for the same address. */
  async network(url: string | undefined): Promise<NetworkCheck> {
    return this.known.takeNetwork(url ?? '') ?? (await this.facts([], { network: url ?? '' })).network ?? { clockMs: null }
  }

  private learn(r: RunResult, path: string): Facts {
    if (r.code !== 0) throw toErrno(r.stderr, path)
    const facts = parseFacts(r.stdout)
    if (facts.system) this.system = facts.system
    return facts
  }

  private async answer<Q extends Question>(path: string, question: Q): Promise<PathFacts[Q]> {
    const known = this.known.take(path, question)
    if (known) return known.value
    await this.facts([path])
    return this.known.take(path, question)?.value
  }

  private async info(path: string, question: 'lstat' | 'stat'): Promise<FileInfo | null> {
    const value = await this.answer(path, question)
    if (value instanceof Error) throw value
    return value ?? null
  }
  lstat = (path: string): Promise<FileInfo | null> => this.info(path, 'lstat')
  stat = (path: string): Promise<FileInfo | null> => this.info(path, 'stat')
  async realpath(path: string): Promise<string> {
    const value = await this.answer(path, 'realpath')
    if (value instanceof Error) throw value
    if (value === undefined) throw toErrno('No such file', path)
    return value
  }
  async readdir(path: string): Promise<string[]> {
    const value = await this.answer(path, 'names')
    if (value instanceof Error) {
      if (value.code === 'ENOENT') return [] // the Host contract: missing is empty, unreadable is EACCES
      throw value
    }
    return value ?? []
  }
  /** A regular file's bytes, with LocalHost's options and refusals (ssh-read.ts). */
  async readFile(path: string, options: ReadOptions = {}): Promise<Buffer> {
    const content = await this.answer(path, 'content')
    return readBoundedOverSsh(path, options, this.known.factsOf(path), content, (args) => this.run({ script: READ_SCRIPT, args }))
  }

  async canWrite(path: string): Promise<boolean> {
    return (await this.answer(path, 'writable')) === true
  }

  async mkdir(path: string, mode = 0o700): Promise<void> {
    const r = await this.change({ script: MKDIR_SCRIPT, args: [posix.normalize(path), mode.toString(8)] })
    if (r.code !== 0) throw this.refusal(r, path)
  }

  private refusal = (r: RunResult, path: string): Error => refusalOf(r.stderr, path, this.name)

  /** INNER in the folder as the user who may act there (AS_OWNER); with a sudo password the bytes are staged. */
  private async inFolder(dir: string, inner: string, args: readonly string[], data?: Buffer): Promise<RunResult> {
    const stage = data !== undefined && this.sudo.kind === 'password' ? await this.stager.stage(data) : '-'
    return this.change({ script: AS_OWNER, args: [posix.normalize(dir), stage, inner, ...args] }, stage === '-' ? data : undefined)
  }

  /**
   * A temp file beside the original, created with its mode, its group set, synced, then mv: atomic
   * on the server, done as the folder's owner where that is another user (see AS_OWNER). The same
   * command reads the result back, so the check after the write costs no extra exchange; owner,
   * group and mode are verified against what was asked.
   */
  async writeFileAtomic(path: string, data: Buffer, options: WriteOptions = {}): Promise<void> {
    const name = posix.basename(path)
    const temp = `.${name}.${randomBytes(6).toString('hex')}.tmp`
    const owner = options.uid !== undefined && options.gid !== undefined ? `${options.uid}:${options.gid}` : ''
    const mode = options.mode !== undefined ? options.mode.toString(8) : ''
    const r = await this.inFolder(posix.dirname(path), INSTALL_INNER, [temp, name, owner, mode, options.allowOwnerChange ? '1' : ''], data)
    if (r.code !== 0) throw this.refusal(r, path)
    const facts = this.learn(r, path).paths.get(`./${name}`) ?? {}
    this.known.set(path, facts)
    const after = facts.lstat
    if (!after || after instanceof Error) throw toErrno('No such file', path)
    const ownerKept = !owner || (after.uid === options.uid && after.gid === options.gid) || options.allowOwnerChange
    if (!after.isFile || !ownerKept || (mode && after.mode !== options.mode)) {
      throw new CoreError('VERIFY_FAILED', `${path} on ${this.name} was written but its owner, group or mode is not what it was (${after.uid}:${after.gid} ${after.mode.toString(8)}). Restore the backup, then try again with sudo.`)
    }
  }

  async writeNewFile(path: string, data: Buffer, mode: number): Promise<void> {
    const r = await this.inFolder(posix.dirname(path), NEW_FILE_INNER, [posix.basename(path), mode.toString(8)], data)
    if (r.code !== 0) throw this.refusal(r, path)
  }

  syncDir = async (): Promise<void> => void (await this.change(['sync']))

  async freeBytes(path: string): Promise<number | null> {
    const r = await this.run(['df', '-Pk', '--', path])
    const avail = r.stdout.toString('utf8').trim().split('\n').pop()?.split(/\s+/)[3]
    return avail && /^\d+$/.test(avail) ? Number(avail) * 1024 : null
  }

  async makeTempDir(prefix: string): Promise<string> {
    // mktemp -d: a new folder made atomically (in /tmp, sticky: others cannot move root's entries).
    const r = await this.change(['mktemp', '-d', `/tmp/${prefix}-XXXXXX`])
    if (r.code !== 0) throw toErrno(r.stderr, '/tmp')
    return exactLine(r.stdout)
  }

  async rename(from: string, to: string): Promise<void> {
    const same = posix.dirname(from) === posix.dirname(to)
    const r = await this.inFolder(posix.dirname(to), RENAME_INNER, [same ? `./${posix.basename(from)}` : from, posix.basename(to)])
    if (r.code !== 0) throw this.refusal(r, to)
  }

  async remove(path: string): Promise<void> {
    const r = await this.inFolder(posix.dirname(path), REMOVE_INNER, [posix.basename(path)])
    if (r.code !== 0) {
      const e = this.refusal(r, path)
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e // rm -f of what is not there succeeds, as locally
    }
  }

  /** kill -0: success or EPERM (another user's process, without sudo) mean alive. */
  async processAlive(pid: number): Promise<boolean> {
    const r = await this.run(['kill', '-0', String(pid)])
    if (r.code === 0 || /Operation not permitted/i.test(r.stderr)) return true
    if (/No such process/i.test(r.stderr)) return false
    throw new CoreError('SSH_CHANNEL_FAILED', `Whether process ${pid} runs on ${this.name} could not be found out (${r.stderr.trim() || `exit ${r.code}`}).`)
  }

  async which(program: string): Promise<string | null> {
    const primed = this.known.takeProgram(program)
    if (primed !== undefined) return primed
    const r = await this.run({ script: 'command -v -- "$1"', args: [program] })
    return r.code === 0 ? exactLine(r.stdout) || null : null
  }

  /** The server waits for its own state with its curl: one exchange for the whole wait (ssh-wait.ts). */
  waitOnServer: (q: WaitQuery) => Promise<WaitAnswer | null> = serverWaiter((script, args, ms) => this.run({ script, args }, undefined, ms))
  spawnDetached = (): Promise<void> => Promise.reject(new CoreError('UNSUPPORTED_PLATFORM', 'Starting a desktop app is not possible over SSH.'))

  /** A program's input is a request (curl's, with a claim token): a channel of its own, never the worker's stream. */
  async exec(program: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const env = Object.entries(options.env ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${v}`]))
    const r = await this.change(env.length ? ['env', ...env, program, ...args] : [program, ...args], options.input === undefined ? undefined : Buffer.from(options.input), options.timeoutMs, options.input !== undefined)
    return { exitCode: r.code, stdout: r.stdout.toString('utf8'), stderr: r.stderr, notFound: r.code === 127, timedOut: r.timedOut }
  }

  /** A local port leading to the server's own 127.0.0.1:remotePort. */
  async forward(remotePort: number): Promise<number> {
    const { port, server } = await forwardPort(this.client, remotePort, this)
    this.forwards.push(server)
    return port
  }

  close(): void {
    for (const s of this.forwards) s.close()
    const said = this.settingsLock.pending() ? this.run(['true']).catch(() => undefined) : Promise.resolve() // a lock let go, said before the session ends
    void said.finally(() => this.stager.close()).finally(() => {
      this.pool.stopWorker()
      this.client.end()
    })
  }
}
