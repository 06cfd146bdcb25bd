import type { ExecResult, Host } from '../host/types'
import { CoreError } from '../result'
import { controlCommand, type Verb } from './commands'

type Command = { program: string; args: string[] }

/** Who runs a command for the server's user on the server's machine: that user itself, or root for it. */
export type MacUserContext = { readonly as: 'self' } | { readonly as: 'root'; readonly uid: string }

/**
 * Decided by id(1) on the server's machine (over SSH this process's uid says nothing about it):
 * as that user, the plain command; as root, on that user's behalf; as anyone else, refused with
 * who to run it as. `what` says what is done as that user.
 */
export async function macUserContext(host: Host, user: string, what: string): Promise<MacUserContext> {
  const id = async (args: string[]): Promise<string> => (await host.exec('id', args, { timeoutMs: 10_000 })).stdout.trim()
  const me = await id(['-u'])
  if (me !== '0') {
    if ((await id(['-un'])) === user) return { as: 'self' }
    throw new CoreError('CONTROL_FAILED', `Plex Media Server runs as ${user} on this Mac, so ${what} as ${user}. Run Plex Reclaim as ${user}, or with sudo.`)
  }
  const uid = await id(['-u', user])
  if (!/^\d+$/.test(uid)) throw new CoreError('CONTROL_FAILED', `Plex Media Server runs as ${user}, but there is no user ${user} on this Mac.`)
  return { as: 'root', uid }
}

/**
 * The macOS app's stop and start, run as the user who runs the server: the app lives in that
 * user's session, and started as root it would run as root. As root: `launchctl asuser UID sudo -u
 * USER PROGRAM ...` (launchctl(1): asuser runs a command in the user's bootstrap context but keeps
 * the caller's credentials, hence sudo -u; the program by its absolute path, since sudo resets PATH).
 */
export async function macosControlCommand(host: Host, user: string | null, verb: Verb): Promise<Command> {
  const plain = controlCommand({ kind: 'macos-app', user }, verb)!
  return asServerUser(host, user, plain, 'it is stopped and started', verb === 'stop' ? 'stopped' : 'started')
}

/** A command as the server's user (see macUserContext); `done` words a failure ("stopped"). */
export async function asServerUser(host: Host, user: string | null, plain: Command, what: string, done = 'run'): Promise<Command> {
  if (!user) return plain
  const context = await macUserContext(host, user, what)
  if (context.as === 'self') return plain
  const program = await host.which(plain.program)
  if (!program) throw new CoreError('CONTROL_FAILED', `Plex Media Server could not be ${done} as ${user}: "${plain.program}" was not found.`)
  return { program: 'launchctl', args: ['asuser', context.uid, 'sudo', '-u', user, program, ...plain.args] }
}

export const runPlain = (host: Host, command: Command, _instead: string, timeouts: { commandMs: number }): Promise<ExecResult> =>
  host.exec(command.program, command.args, { timeoutMs: timeouts.commandMs })

/**
 * macOS 10.14+ refuses an Apple Event the user has not allowed with errAEEventNotPermitted, -1743
 * (Apple, AEDeterminePermissionToAutomateTarget); osascript prints "execution error: ... (-1743)".
 */
export const appleEventsRefused = (result: ExecResult): boolean => result.exitCode !== 0 && /\(-1743\)/.test(result.stderr)

const PLEX_PROCESS = 'Plex Media Server'

/**
 * The stop without an Apple Event: TERM to the server's process as its user (pkill(1): -x the
 * whole name; exit 0 signalled, 1 none left). Plex Media Server saves its settings on TERM as on a
 * quit. When that fails too, -1743 gets its own message: where to allow it.
 */
export async function stopWithoutAppleEvents(host: Host, user: string | null, timeoutMs: number, log?: (line: string) => void): Promise<ExecResult> {
  log?.('macOS refused the Apple Event to quit Plex Media Server (-1743: not allowed under Privacy & Security > Automation); stopping it with a TERM signal instead')
  const plain = { program: 'pkill', args: ['-TERM', '-x', ...(user ? ['-u', user] : []), PLEX_PROCESS] }
  const command = await asServerUser(host, user, plain, 'it is stopped', 'stopped')
  const result = await host.exec(command.program, command.args, { timeoutMs })
  log?.(`${plain.program} ${plain.args.join(' ')}: exit ${result.exitCode ?? (result.timedOut ? 'timed out' : 'none')}`)
  if (result.exitCode === 0 || result.exitCode === 1) return { ...result, exitCode: 0 }
  const said = (result.stderr || result.stdout).trim().split(/\r?\n/)[0] ?? ''
  throw new CoreError('APPLE_EVENTS_DENIED', `macOS did not let Plex Reclaim ask Plex Media Server to quit (error -1743), and stopping it with a signal did not work either${said ? ` (${said})` : ''}. Nothing was changed. Allow it in System Settings > Privacy & Security > Automation: under Plex Reclaim, turn on Plex Media Server. Or quit Plex Media Server from its menu bar icon yourself. Then try again.`)
}
