import type { Client as SshClient, SFTPWrapper } from 'ssh2'
import { randomBytes } from 'node:crypto'
import { CoreError } from '../result'
import type { ChannelPool, RunResult } from './ssh-channels'

type RunPlain = (script: string, args: readonly string[], input?: Buffer) => Promise<RunResult>

/**
 * Where file bytes wait for a privileged command that needs a password: a private folder (0700)
 * of the SSH user, written through SFTP where the server offers it, else by a fixed unprivileged
 * `cat` whose only input is the bytes. The password never meets them.
 */
export class Stager {
  private sftp: SFTPWrapper | 'none' | null = null
  private releaseSftp: (() => void) | null = null
  private dir: string | null = null

  constructor(
    private readonly client: SshClient,
    private readonly pool: ChannelPool,
    private readonly runPlain: RunPlain
  ) {}

  /** Whether the last staging went through SFTP (tests check both ways). */
  get usedSftp(): boolean {
    return this.sftp !== null && this.sftp !== 'none'
  }

  private async folder(): Promise<string> {
    if (this.dir) return this.dir
    const r = await this.runPlain('umask 077; mktemp -d "${TMPDIR:-/tmp}/plex-reclaim-XXXXXX"', [])
    const dir = r.stdout.toString('utf8').trim()
    if (r.code !== 0 || !dir.startsWith('/')) throw new CoreError('TOOL_FAILED', `A private temporary folder could not be made on ${this.pool.where}: ${r.stderr.trim()}`)
    this.dir = dir
    return dir
  }

  private async session(): Promise<SFTPWrapper | 'none'> {
    if (this.sftp) return this.sftp
    const release = await this.pool.acquire(true)
    try {
      this.sftp = await this.pool.open('SFTP', () => new Promise<SFTPWrapper>((resolve, reject) => this.client.sftp((e, s) => (e ? reject(e) : resolve(s)))))
      this.releaseSftp = release
    } catch (error) {
      release()
      if (error instanceof CoreError) throw error
      this.sftp = 'none' // the server offers no SFTP (dropbear, some NAS boxes)
    }
    return this.sftp
  }

  /** The bytes in a new file only the SSH user can read; its path. */
  async stage(data: Buffer): Promise<string> {
    const path = `${await this.folder()}/${randomBytes(6).toString('hex')}`
    const sftp = await this.session()
    if (sftp !== 'none') {
      await new Promise<void>((resolve, reject) => sftp.writeFile(path, data, { mode: 0o600, flag: 'wx' }, (e) => (e ? reject(e) : resolve())))
      return path
    }
    const r = await this.runPlain('set -C; umask 077; cat > "$1"', [path], data)
    if (r.code !== 0) throw new CoreError('TOOL_FAILED', `The new content could not be staged on ${this.pool.where}: ${r.stderr.trim()}`)
    return path
  }

  async close(): Promise<void> {
    if (this.sftp && this.sftp !== 'none') this.sftp.end()
    this.releaseSftp?.()
    if (this.dir) await this.runPlain('rm -rf -- "$1"', [this.dir]).catch(() => undefined) // a staging folder under /tmp: left behind only when the link is gone
  }
}
