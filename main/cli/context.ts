import type { AppService, HostEntry } from '../app/index'
import { CoreError } from '../app/index'
import type { CliFlags } from './options'

/** What every command gets: the parsed options, the service, the machine it acts on, and output. */
export interface CliContext {
  readonly args: readonly string[]
  readonly flags: CliFlags
  readonly service: AppService
  /** Where the server is: this machine, or a server reached with --host over SSH. */
  readonly entry: HostEntry
  readonly out: (line: string) => void
}

export type { CliFlags } from './options'

export class UsageError extends CoreError {
  constructor(message: string) {
    super('INVALID_INPUT', message)
  }
}

export const requireYes = (ctx: CliContext, what: string): void => {
  if (!ctx.flags.yes) throw new UsageError(`${what} changes the server's settings. Add --yes to confirm (a verified backup is taken first).`)
}

export const printJson = (ctx: CliContext, value: unknown): void => ctx.out(JSON.stringify(value, null, 2))

/** The port on the server itself (32400 unless --port says otherwise). */
export function portFlag(flags: CliFlags): number {
  if (flags.port === undefined) return 32400
  // Digits only: Number() would take "0x50", " 80" and "8e1" as port 80.
  const port = /^[0-9]{1,5}$/.test(flags.port) ? Number(flags.port) : NaN
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port takes a port number (1 to 65535), not "${flags.port}".`)
  return port
}

/** --backup-dir DIR: an empty one would silently be the current folder. */
export function backupDirFlag(flags: CliFlags): string | undefined {
  const dir = flags['backup-dir']
  if (dir !== undefined && dir.trim() === '') throw new UsageError('--backup-dir takes a folder, not an empty name. Leave it out to use the default folder.')
  return dir
}

/** --timeout SECONDS, within what a timer can wait (2^31 ms, about 24 days). */
export function timeoutFlag(flags: CliFlags, fallbackMs: number): number {
  if (flags.timeout === undefined) return fallbackMs
  const seconds = /^[0-9]+(\.[0-9]+)?$/.test(flags.timeout) ? Number(flags.timeout) : NaN
  if (!(seconds > 0) || seconds * 1000 > 2 ** 31 - 1) throw new UsageError(`--timeout takes seconds between 0 and 2147483, not "${flags.timeout}".`)
  return seconds * 1000
}

/** The installation a command acts on: --server ID, or the only one found on the machine. */
export async function chosen(ctx: CliContext) {
  const list = await ctx.service.detect(ctx.entry, ctx.flags.root ?? '/')
  return ctx.service.installations.choose(list, ctx.flags.server)
}
