import { dirname, join } from 'node:path'
import { z } from 'zod'
import { CoreError } from '../result'
import type { Host } from './types'

const MAX_BYTES = 1024 * 1024

// host:port -> SHA256 fingerprint, as OpenSSH prints it.
const KnownHostsFile = z.record(z.string().regex(/^[A-Za-z0-9.:-]+:\d{1,5}$/), z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/))

/**
 * Host keys this app has seen, in its own file (not ~/.ssh/known_hosts). A missing file is "no key
 * known yet"; a file that cannot be read or is not valid is a refusal, never a first connection
 * (else a planted or damaged file would pin a key without the user's confirmation).
 */
export class KnownHosts {
  constructor(
    private readonly host: Host,
    readonly path: string
  ) {}

  private refuse(why: string): CoreError {
    return new CoreError('KNOWN_HOSTS_INVALID', `The known hosts file ${this.path} ${why}. Remove it (the next connection asks to confirm the server's key again), then try again.`)
  }

  private async all(): Promise<Record<string, string>> {
    let info
    try {
      info = await this.host.lstat(this.path)
    } catch {
      throw this.refuse('cannot be read')
    }
    if (!info) return {}
    if (!info.isFile) throw this.refuse('is not a regular file')
    if (info.size > MAX_BYTES) throw this.refuse(`is larger than ${MAX_BYTES} bytes`)
    let text: string
    try {
      text = (await this.host.readFile(this.path)).toString('utf8')
    } catch {
      throw this.refuse('cannot be read')
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw this.refuse('is not valid JSON')
    }
    const result = KnownHostsFile.safeParse(parsed)
    if (!result.success) throw this.refuse('does not hold host keys in the expected form')
    return result.data
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

/** Today's place, beside the backup folder; the caller passes the path, so it can move. */
export const knownHostsPathFor = (backupDir: string): string => join(dirname(backupDir), 'known_hosts.json')
