import type { ExecResult, Host } from '../host/types'
import { CoreError } from '../result'

/** systemctl's words when polkit did not authorise the caller (systemctl.c, polkit prompts). */
const NEEDS_AUTH = /Access denied|Interactive authentication required|authentication is required|not authorized/i

export const needsAuthorisation = (result: ExecResult): boolean => result.exitCode !== 0 && NEEDS_AUTH.test(result.stderr)

/**
 * pkexec's outcomes as distinct errors (pkexec(1): 126 when the dialog was dismissed, 127 when not
 * authorised or no agent), each saying what to do, with the exact command to run instead.
 */
export function pkexecOutcome(result: ExecResult, instead: string): CoreError | null {
  if (result.exitCode === 0) return null
  if (result.timedOut) {
    return new CoreError('ELEVATION_TIMEOUT', `Nobody answered the password prompt in time. Try again, or run this in a terminal instead: ${instead}`)
  }
  if (result.notFound) {
    return new CoreError('ELEVATION_UNAVAILABLE', `This system has no pkexec to ask for permission. Run this in a terminal instead: ${instead}`)
  }
  if (result.exitCode === 126) return new CoreError('ELEVATION_CANCELLED', `The password prompt was cancelled, so nothing was done. Try again when you are ready, or run: ${instead}`)
  if (/No authentication agent/i.test(result.stderr)) {
    return new CoreError('NO_POLKIT_AGENT', `No password prompt can be shown here (no polkit authentication agent is running; install one such as lxqt-policykit-agent). Or run this in a terminal: ${instead}`)
  }
  return new CoreError('ELEVATION_DENIED', `Your account is not allowed to control this service. Ask an administrator, or run this in a terminal with sudo: ${instead}`)
}

type Command = { readonly program: string; readonly args: readonly string[] }
type Timeouts = { readonly commandMs: number; readonly promptMs: number }

/** How one OS asks for permission: when a refusal means "ask", the elevated command, its outcomes. */
interface Elevation {
  refusedForRights(result: ExecResult): boolean
  /** The same fixed program and arguments, elevated; null when that cannot be done safely here. */
  elevated(host: Host, command: Command): Promise<Command | null>
  outcome(result: ExecResult, instead: string): CoreError | null
}

/** Runs the command; where it is refused for lack of rights, asks once for that step alone. */
async function runElevatingOnce(elevation: Elevation, host: Host, command: Command, instead: string, timeouts: Timeouts): Promise<ExecResult> {
  const first = await host.exec(command.program, command.args, { timeoutMs: timeouts.commandMs })
  if (!elevation.refusedForRights(first)) return first
  const elevated = await elevation.elevated(host, command)
  if (!elevated) return first
  const result = await host.exec(elevated.program, elevated.args, { timeoutMs: timeouts.promptMs + timeouts.commandMs })
  const problem = elevation.outcome(result, instead)
  if (problem) throw problem
  return result
}

/** Linux: where systemd says the caller is not authorised, polkit through pkexec. Our JavaScript never runs as root. */
const POLKIT: Elevation = {
  refusedForRights: needsAuthorisation,
  elevated: async (host, command) => {
    // pkexec runs with a sanitised environment: it gets an absolute path.
    const absolute = await host.which(command.program)
    return absolute ? { program: 'pkexec', args: ['--disable-internal-agent', absolute, ...command.args] } : null
  },
  outcome: (result, instead) => pkexecOutcome(result, instead)
}

export const runWithPolkit = (host: Host, command: Command, instead: string, timeouts: Timeouts): Promise<ExecResult> =>
  runElevatingOnce(POLKIT, host, command, instead, timeouts)

/** sc.exe prints its errors on stdout, e.g. "[SC] OpenService FAILED 5: Access is denied.", exit 5. */
const WINDOWS_DENIED = /FAILED 5:|Access is denied/i
// Letters, digits, spaces, path characters, reg's /switches and the comma of "Plex, Inc.": no quote, $ or
// backtick can reach PowerShell (inside its single quotes a comma is literal: about_Quoting_Rules).
const SAFE_ARGUMENT = /^[A-Za-z0-9 ._:,/\\-]+$/

/** UAC's outcomes (Start-Process -Verb RunAs): cancelled, refused, or no answer in time. */
export function uacOutcome(result: ExecResult, instead: string): CoreError | null {
  if (result.exitCode === 0) return null
  if (result.timedOut) return new CoreError('ELEVATION_TIMEOUT', `Nobody answered the Windows permission prompt in time. Try again, or run this in an administrator terminal: ${instead}`)
  if (/canceled by the user|cancelled by the user/i.test(result.stderr + result.stdout)) {
    return new CoreError('ELEVATION_CANCELLED', `The Windows permission prompt was cancelled, so nothing was done. Try again when you are ready, or run this in an administrator terminal: ${instead}`)
  }
  return new CoreError('ELEVATION_DENIED', `Windows did not allow this step. Sign in as an administrator, or run this in an administrator terminal: ${instead}`)
}

/** Windows: where sc or reg is refused for lack of rights, UAC for that step alone (Start-Process -Verb RunAs). */
const UAC: Elevation = {
  refusedForRights: (result) => result.exitCode !== 0 && WINDOWS_DENIED.test(result.stdout + result.stderr),
  elevated: async (_host, command) => {
    // Fixed, allowlisted words only: they are quoted into a PowerShell command line.
    if (![command.program, ...command.args].every((a) => SAFE_ARGUMENT.test(a))) return null
    // Start-Process joins -ArgumentList with spaces, unquoted: an argument with a space gets its own
    // quotes, and the backslashes before that closing quote are doubled, or the program's C runtime
    // reads \" as a literal quote ("Parsing C command-line arguments", learn.microsoft.com).
    const list = command.args.map((a) => (a.includes(' ') ? `'"${a.replace(/(\\+)$/, '$1$1')}"'` : `'${a}'`)).join(',')
    const script = `$p = Start-Process -FilePath '${command.program}' -ArgumentList ${list} -Verb RunAs -Wait -PassThru -WindowStyle Hidden; exit $p.ExitCode`
    return { program: 'powershell', args: ['-NoProfile', '-NonInteractive', '-Command', script] }
  },
  outcome: (result, instead) => uacOutcome(result, instead)
}

export const runWithUac = (host: Host, command: Command, instead: string, timeouts: Timeouts): Promise<ExecResult> =>
  runElevatingOnce(UAC, host, command, instead, timeouts)

/**
 * Windows: a step that always needs an administrator (reg load, reg unload) goes straight to UAC:
 * its refusal without one is only told in the display language.
 */
export async function runAsAdministrator(host: Host, command: Command, instead: string, timeouts: Timeouts): Promise<ExecResult> {
  const elevated = await UAC.elevated(host, command)
  if (!elevated) throw new CoreError('ELEVATION_UNAVAILABLE', `This step cannot be elevated safely from here. Run this in an administrator terminal: ${instead}`)
  const result = await host.exec(elevated.program, elevated.args, { timeoutMs: timeouts.promptMs + timeouts.commandMs })
  const problem = UAC.outcome(result, instead)
  if (problem) throw problem
  return result
}
