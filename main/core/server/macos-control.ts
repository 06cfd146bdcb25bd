import type { Host } from '../host/types'
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
