import { createHash } from 'node:crypto'
import { CoreError } from '../result'

/** Who and where: a server reached over SSH. */
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

/** A command line for the remote shell from an argument array: every word quoted. */
export const commandLine = (words: readonly string[]): string => words.map(shellQuote).join(' ')

/** OpenSSH's form: SHA256:base64 without padding. */
export const fingerprintOf = (key: Buffer): string => `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`

export const targetName = (t: SshTarget): string => `${t.user}@${t.host}${t.port === 22 ? '' : `:${t.port}`}`
