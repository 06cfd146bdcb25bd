import { createHash, randomBytes } from 'node:crypto'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { dirname, join, posix } from 'node:path'
import type { Client as SshClient, ConnectConfig } from 'ssh2'
import { CoreError } from '../result'
import { describeHost, normaliseHostName, type HostRef } from './host-ref'
import type { ExecOptions, ExecResult, FileInfo, Host, WriteOptions } from './types'

/**
 * A server reached over SSH (ssh2; no ssh client needed here). Only POSIX tools are assumed on the
 * server: cat, stat, ls, mv, mkdir, chmod, chown, sync, kill, df, mktemp. Every argument is quoted
 * for the remote shell, so paths and names can never become commands.
 */
export interface SshTarget {
  readonly user: string
  readonly host: string
  readonly port: number
}

export function parseSshTarget(text: string): SshTarget {
  const m = /^([A-Za-z0-9._-]+)@([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?$/.exec(text.trim())
  if (!m) throw new CoreError('INVALID_INPUT', `"${text}" is not user@host or user@host:port (for example plex@nas.local:22).`)
  return { user: m[1]!, host: m[2]!.replace(/^\[|\]$/g, ''), port: m[3] ? Number(m[3]) : 22 }
}

/** POSIX single-quoting: the only character that needs care inside '…' is ' itself. */
export const shellQuote = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`
const command = (words: readonly string[]): string => words.map(shellQuote).join(' ')

/** OpenSSH's form: SHA256:base64 without padding. */
export const fingerprintOf = (key: Buffer): string => `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`

/** A first connection: the key's fingerprint must be confirmed by the user before it is trusted. */
export class HostKeyUnknownError extends CoreError {
  constructor(
    message: string,
    readonly fingerprint: string
  ) {
    super('HOST_KEY_UNKNOWN', message)
  }
}

/** Host keys this app has seen, in its own file (not ~/.ssh/known_hosts). */
export class KnownHosts {
  constructor(
    private readonly host: Host,
    readonly path: string
  ) {}

  private async all(): Promise<Record<string, string>> {
    try {
      return JSON.parse((await this.host.readFile(this.path)).toString('utf8')) as Record<string, string>
    } catch {
      return {}
    }
  }

  async get(id: string): Promise<string | undefined> {
    return (await this.all())[id]
  }

  async remember(id: string, fingerprint: string): Promise<void> {
    const next = { ...(await this.all()), [id]: fingerprint }
    await this.host.mkdir(dirname(this.path), 0o700)
    await this.host.writeFileAtomic(this.path, Buffer.from(`${JSON.stringify(next, null, 2)}\n`), { mode: 0o600 })
  }
}

export interface SshAuth {
  readonly privateKey?: Buffer
  readonly agent?: string
  /** Asked for, used for this connection, never stored. */
  readonly password?: string
}

/** Root through sudo on the session (the file or the service needs it); the password is never stored. */
export interface SudoOptions {
  readonly password: string
}

interface RunResult {
  readonly code: number | null
  readonly stdout: Buffer
  readonly stderr: string
  readonly timedOut: boolean
}

const errno = (code: string, message: string): NodeJS.ErrnoException => Object.assign(new Error(message), { code })

/** The errno a POSIX tool's message stands for, so the core explains it as it does locally. */
function toErrno(stderr: string, path: string): NodeJS.ErrnoException {
  if (/No such file|not found/i.test(stderr)) return errno('ENOENT', path)
  if (/Permission denied|Operation not permitted/i.test(stderr)) return errno('EACCES', path)
  if (/Is a directory/i.test(stderr)) return errno('EISDIR', path)
  if (/No space left/i.test(stderr)) return errno('ENOSPC', path)
  if (/Read-only file system/i.test(stderr)) return errno('EROFS', path)
  return errno('EIO', `${path}: ${stderr.trim()}`)
}

const TYPE_MASK = 0o170000

export class SshHost implements Host {
  readonly kind = 'ssh' as const
  readonly name: string

  private sudo: SudoOptions | null = null
  // OpenSSH allows 10 sessions per connection (MaxSessions); more at once fail to open. Commands
  // beyond this many wait for a free channel instead.
  private active = 0
  private readonly waiting: Array<() => void> = []
  private static readonly MAX_CHANNELS = 8

  private constructor(
    private readonly client: SshClient,
    readonly target: SshTarget,
    readonly platform: NodeJS.Platform,
    fingerprint: string,
    private readonly forwards: Server[] = []
  ) {
    this.ref = { kind: 'ssh', host: normaliseHostName(target.host), port: target.port, user: target.user, fingerprint }
    this.name = describeHost(this.ref)
  }

  readonly ref: HostRef

  /**
   * Connects, checking the host key against the app's known hosts: a known key must match; an
   * unknown one is accepted only when its fingerprint is the one the user confirmed.
   */
  static async connect(target: SshTarget, auth: SshAuth, knownHosts: KnownHosts, confirmedFingerprint?: string): Promise<SshHost> {
    const { Client } = await import('ssh2')
    const client = new Client()
    const id = `${target.host}:${target.port}`
    const known = await knownHosts.get(id)
    let seen: string | undefined
    const config: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.user,
      readyTimeout: 15_000,
      keepaliveInterval: 10_000,
      hostVerifier: (key: Buffer) => {
        seen = fingerprintOf(key)
        return known ? seen === known : seen === confirmedFingerprint
      },
      ...(auth.privateKey ? { privateKey: auth.privateKey } : {}),
      ...(auth.agent ? { agent: auth.agent } : {}),
      ...(auth.password !== undefined ? { password: auth.password } : {})
    }
    await new Promise<void>((resolve, reject) => {
      client.once('ready', () => resolve())
      client.once('error', (error: Error & { level?: string; code?: string }) => {
        if (seen && known && seen !== known) {
          reject(new CoreError('HOST_KEY_CHANGED', `The key of ${id} has changed (it was ${known}, it is now ${seen}). This can mean someone is intercepting the connection. If the server was reinstalled, remove it from ${knownHosts.path} and connect again.`))
        } else if (seen && !known && seen !== confirmedFingerprint) {
          reject(new HostKeyUnknownError(`First connection to ${id}: its key fingerprint is ${seen}. Check it on the server (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then confirm it (--accept-host-key ${seen}).`, seen))
        } else if (error.level === 'client-authentication') {
          reject(new CoreError('SSH_AUTH_FAILED', `${target.user}@${target.host} did not accept the ${auth.password !== undefined ? 'password' : 'key'}. Check the user name and the ${auth.password !== undefined ? 'password' : 'key (--identity FILE)'}, then try again.`))
        } else if (error.code === 'ECONNREFUSED' || error.code === 'ENOTFOUND' || error.code === 'EHOSTUNREACH' || error.level === 'client-timeout') {
          reject(new CoreError('SSH_UNREACHABLE', `${target.host}:${target.port} cannot be reached over SSH (${error.code ?? error.level}). Check the address, the port and that the SSH server runs.`))
        } else reject(new CoreError('SSH_UNREACHABLE', `The SSH connection to ${target.host} failed: ${error.message}`))
      })
      client.connect(config)
    })
    if (!known && seen) await knownHosts.remember(id, seen)
    const fingerprint = seen ?? known ?? ''
    const host = new SshHost(client, target, 'linux', fingerprint)
    const uname = await host.run(['uname', '-s'])
    const system = uname.stdout.toString('utf8').trim()
    return system === 'FreeBSD' ? new SshHost(client, target, 'freebsd', fingerprint) : system === 'Darwin' ? new SshHost(client, target, 'darwin', fingerprint) : host
  }

  /**
   * From now on every command runs through `sudo -S`, with the password as the first line of its
   * input. The password is checked once first (sudo -v), so a wrong one never meets a file's bytes.
   */
  async useSudo(options: SudoOptions): Promise<void> {
    const r = await this.run(['sudo', '-S', '-p', '', '-v'], Buffer.from(`${options.password}\n`))
    if (r.code === 127 || /command not found/.test(r.stderr)) {
      throw new CoreError('SUDO_MISSING', `${this.name} has no sudo. Log in as root (--host root@…), or as the user that owns the Plex data (often "plex").`)
    }
    if (/not in the sudoers|not allowed/i.test(r.stderr)) {
      throw new CoreError('SUDO_REFUSED', `${this.target.user} may not use sudo on ${this.target.host}. Ask its administrator, or log in as a user who may.`)
    }
    if (r.code !== 0) throw new CoreError('SUDO_WRONG_PASSWORD', `sudo on ${this.target.host} did not accept that password. Type it again (it is not stored).`)
    this.sudo = options
  }

  /**
   * Runs one command line on the server. A script is constant text run by sh -c, with every
   * variable part passed as a positional parameter ("$1", "$2"), never spliced into it.
   */
  private async run(words: readonly string[] | { script: string; args?: readonly string[] }, input?: Buffer, timeoutMs = 60_000): Promise<RunResult> {
    if (this.active >= SshHost.MAX_CHANNELS) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.active++
    try {
      return await this.runOnChannel(words, input, timeoutMs)
    } finally {
      this.active--
      this.waiting.shift()?.()
    }
  }

  private runOnChannel(words: readonly string[] | { script: string; args?: readonly string[] }, input: Buffer | undefined, timeoutMs: number): Promise<RunResult> {
    const argv = 'script' in words ? ['sh', '-c', words.script, 'sh', ...(words.args ?? [])] : [...words]
    const line = this.sudo ? command(['sudo', '-S', '-p', '', '--', ...argv]) : command(argv)
    if (this.sudo) input = Buffer.concat([Buffer.from(`${this.sudo.password}\n`), input ?? Buffer.alloc(0)])
    return new Promise((resolve) => {
      this.client.exec(line, (error, stream) => {
        if (error) return resolve({ code: null, stdout: Buffer.alloc(0), stderr: error.message, timedOut: false })
        const out: Buffer[] = []
        let stderr = ''
        let timedOut = false
        const timer = setTimeout(() => {
          timedOut = true
          stream.close()
        }, timeoutMs)
        stream.on('data', (c: Buffer) => out.push(c))
        stream.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
        stream.on('close', (code: number | null) => {
          clearTimeout(timer)
          resolve({ code: timedOut ? null : (code ?? null), stdout: Buffer.concat(out), stderr, timedOut })
        })
        stream.end(input)
      })
    })
  }

  private async check(words: readonly string[] | { script: string; args?: readonly string[] }, path: string, input?: Buffer): Promise<Buffer> {
    const r = await this.run(words, input)
    if (r.code !== 0) throw toErrno(r.stderr, path)
    return r.stdout
  }

  async readFile(path: string): Promise<Buffer> {
    return this.check(['cat', '--', path], path)
  }

  private async statWith(path: string, follow: boolean): Promise<FileInfo | null> {
    const r = await this.run(['stat', ...(follow ? ['-L'] : []), '-c', '%f %s %u %g %Y', '--', path])
    if (r.code !== 0) {
      if (/No such file|Not a directory/i.test(r.stderr)) return null
      throw toErrno(r.stderr, path)
    }
    const [mode, size, uid, gid, mtime] = r.stdout.toString('utf8').trim().split(' ')
    const raw = parseInt(mode!, 16)
    return { isFile: (raw & TYPE_MASK) === 0o100000, isDirectory: (raw & TYPE_MASK) === 0o040000, isSymbolicLink: (raw & TYPE_MASK) === 0o120000, size: Number(size), mode: raw & 0o7777, uid: Number(uid), gid: Number(gid), mtimeMs: Number(mtime) * 1000 }
  }

  lstat(path: string): Promise<FileInfo | null> {
    return this.statWith(path, false)
  }

  stat(path: string): Promise<FileInfo | null> {
    return this.statWith(path, true)
  }

  async realpath(path: string): Promise<string> {
    return (await this.check(['readlink', '-f', '--', path], path)).toString('utf8').trim()
  }

  async readdir(path: string): Promise<string[]> {
    const r = await this.run(['ls', '-A1', '--', path])
    return r.code === 0 ? r.stdout.toString('utf8').split('\n').filter(Boolean) : []
  }

  async mkdir(path: string, mode = 0o700): Promise<void> {
    await this.check({ script: 'mkdir -p -- "$1" && chmod "$2" -- "$1"', args: [path, mode.toString(8)] }, path)
  }

  /** A temp file beside the original, owner and mode applied, synced, then mv: atomic on the server. */
  async writeFileAtomic(path: string, data: Buffer, options: WriteOptions = {}): Promise<void> {
    const temp = posix.join(posix.dirname(path), `.${posix.basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
    const owner = options.uid !== undefined && options.gid !== undefined ? `${options.uid}:${options.gid}` : ''
    const mode = options.mode !== undefined ? options.mode.toString(8) : ''
    // chown only matters (and only works) as root; as the owner the file keeps its owner anyway.
    const script = [
      'set -e',
      'trap \'rm -f -- "$1"\' EXIT',
      'cat > "$1"',
      'if [ -n "$3" ] && [ "$(id -u)" = 0 ]; then chown "$3" -- "$1"; fi',
      'if [ -n "$4" ]; then chmod "$4" -- "$1"; fi',
      'sync',
      'mv -f -- "$1" "$2"',
      'trap - EXIT',
      'sync'
    ].join('; ')
    await this.check({ script, args: [temp, path, owner, mode] }, path, data)
  }

  async writeNewFile(path: string, data: Buffer, mode: number): Promise<void> {
    await this.check({ script: 'set -e; set -C; umask 077; cat > "$1"; chmod "$2" -- "$1"; sync', args: [path, mode.toString(8)] }, path, data)
  }

  async syncDir(): Promise<void> {
    await this.run(['sync'])
  }

  async canWrite(path: string): Promise<boolean> {
    return (await this.run(['test', '-w', path])).code === 0
  }

  async freeBytes(path: string): Promise<number | null> {
    const r = await this.run(['df', '-Pk', '--', path])
    const avail = r.stdout.toString('utf8').trim().split('\n').pop()?.split(/\s+/)[3]
    return avail && /^\d+$/.test(avail) ? Number(avail) * 1024 : null
  }

  async makeTempDir(prefix: string): Promise<string> {
    return (await this.check(['mktemp', '-d', `/tmp/${prefix}-XXXXXX`], '/tmp')).toString('utf8').trim()
  }

  async rename(from: string, to: string): Promise<void> {
    await this.check(['mv', '-f', '--', from, to], to)
  }

  async remove(path: string): Promise<void> {
    await this.run(['rm', '-rf', '--', path])
  }

  async processAlive(pid: number): Promise<boolean> {
    return (await this.run(['kill', '-0', String(pid)])).code === 0
  }

  async which(program: string): Promise<string | null> {
    const r = await this.run({ script: 'command -v -- "$1"', args: [program] })
    return r.code === 0 ? r.stdout.toString('utf8').trim() || null : null
  }

  async spawnDetached(): Promise<void> {
    throw new CoreError('UNSUPPORTED_PLATFORM', 'Starting a desktop app is not possible over SSH.')
  }

  async exec(program: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const env = Object.entries(options.env ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${v}`]))
    const r = await this.run(env.length ? ['env', ...env, program, ...args] : [program, ...args], options.input === undefined ? undefined : Buffer.from(options.input), options.timeoutMs)
    return { exitCode: r.code, stdout: r.stdout.toString('utf8'), stderr: r.stderr, notFound: r.code === 127, timedOut: r.timedOut }
  }

  /**
   * A local port that leads to the server's own 127.0.0.1:remotePort, so its local API is reached
   * (and a claim made) from localhost, as Plex requires (plex-domain.md 3c).
   */
  async forward(remotePort: number): Promise<number> {
    const server = createServer((socket) => {
      this.client.forwardOut('127.0.0.1', 0, '127.0.0.1', remotePort, (error, channel) => {
        if (error) return socket.destroy()
        socket.pipe(channel).pipe(socket)
        socket.on('error', () => channel.close())
        channel.on('error', () => socket.destroy())
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    this.forwards.push(server)
    return (server.address() as AddressInfo).port
  }

  close(): void {
    for (const s of this.forwards) s.close()
    this.client.end()
  }
}

export const knownHostsPathFor = (backupDir: string): string => join(dirname(backupDir), 'known_hosts.json')
