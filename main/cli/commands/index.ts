import type { CliContext } from '../context'
import { backupsCommand } from './backups'
import { claimCommand } from './claim'
import { completionCommand } from './completion'
import { detectCommand, inspectCommand } from './detect'
import { elevatedResetCommand } from './elevated'
import { resumeCommand, rollbackCommand } from './recovery'
import { reportCommand } from './report'
import { resetCommand } from './reset'
import { restoreCommand } from './restore'
import { startCommand, statusCommand, stopCommand } from './service'

export type Command = (ctx: CliContext) => Promise<number>

/** Each command parses its flags, calls the application service and formats what it returns. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  detect: detectCommand,
  inspect: inspectCommand,
  reset: resetCommand,
  backups: backupsCommand,
  restore: restoreCommand,
  status: statusCommand,
  stop: stopCommand,
  start: startCommand,
  claim: claimCommand,
  resume: resumeCommand,
  rollback: rollbackCommand,
  report: reportCommand,
  completion: completionCommand,
  // The desktop app's privileged helper (pkexec runs it); not listed in the help.
  'elevated-reset': elevatedResetCommand
}
