import { defaultBackupDir } from '../core/backups/location'
import { BackupStore } from '../core/backups/store'
import type { Host } from '../core/host/types'
import { CoreError } from '../core/result'

/** What every command gets: the parsed options, the host, and where output goes. */
export interface CliContext {
  readonly args: readonly string[]
  readonly flags: CliFlags
  /** Where the server is: this machine, or a server reached with --host over SSH. */
  readonly host: Host
  /** This machine, where backups, journals and logs are always kept. */
  readonly local: Host
  /** With --host: a local port forwarded to the server's own 127.0.0.1:32400 (or --port). */
  readonly serverPort?: number
  readonly out: (line: string) => void
}

export interface CliFlags {
  readonly json: boolean
  readonly yes: boolean
  readonly 'dry-run': boolean
  readonly force: boolean
  readonly 'no-service': boolean
  readonly verbose: boolean
  readonly root?: string
  readonly 'backup-dir'?: string
  readonly file?: string
  readonly server?: string
  readonly token?: string
  readonly 'sign-in': boolean
  readonly timeout?: string
  readonly port?: string
  readonly host?: string
  readonly identity?: string
  readonly 'accept-host-key'?: string
  readonly 'password-stdin': boolean
  readonly sudo: boolean
}

export class UsageError extends CoreError {
  constructor(message: string) {
    super('INVALID_INPUT', message)
  }
}

export const backupsOf = (ctx: CliContext): BackupStore => new BackupStore(ctx.flags['backup-dir'] ?? defaultBackupDir(), ctx.local)

export const requireYes = (ctx: CliContext, what: string): void => {
  if (!ctx.flags.yes) throw new UsageError(`${what} changes the server's settings. Add --yes to confirm (a verified backup is taken first).`)
}

export const printJson = (ctx: CliContext, value: unknown): void => ctx.out(JSON.stringify(value, null, 2))

