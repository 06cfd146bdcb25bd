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

/**
 * `sh -c SCRIPT sh ARGS…` as one line that any login shell passes on unchanged: csh (FreeBSD's
 * root before 14) rejects a newline inside quotes and expands `!` even there. So the script and
 * its arguments go with backslashes doubled and newlines and `!` as escapes, and printf %b
 * restores each exactly (the x keeps trailing newlines).
 */
const escapeForPrintf = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/!/g, '\\0041')
const DECODE = 'S=$(printf %b "$1"); shift; n=$#; while [ "$n" -gt 0 ]; do a=$(printf %bx "$1"); shift; set -- "$@" "${a%x}"; n=$((n - 1)); done; eval "$S"'

export function scriptLine(script: string, args: readonly string[]): string {
  return commandLine(['sh', '-c', DECODE, 'sh', escapeForPrintf(script), ...args.map(escapeForPrintf)])
}
