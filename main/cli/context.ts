import { defaultBackupDir } from '../core/backups/location'
import { BackupStore } from '../core/backups/store'
import { localHost } from '../core/host/local'
import type { Host } from '../core/host/types'
import { CoreError } from '../core/result'

/** What every command gets: the parsed options, the host, and where output goes. */
export interface CliContext {
  readonly args: readonly string[]
  readonly flags: CliFlags
  readonly host: Host
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
}

export class UsageError extends CoreError {
  constructor(message: string) {
    super('INVALID_INPUT', message)
  }
}

export const backupsOf = (ctx: CliContext): BackupStore => new BackupStore(ctx.flags['backup-dir'] ?? defaultBackupDir(), ctx.host)

export const requireYes = (ctx: CliContext, what: string): void => {
  if (!ctx.flags.yes) throw new UsageError(`${what} changes the server's settings. Add --yes to confirm (a verified backup is taken first).`)
}

export const printJson = (ctx: CliContext, value: unknown): void => ctx.out(JSON.stringify(value, null, 2))

export const defaultContextHost = localHost
