import type { Host } from '../host/types'
import { CoreError } from '../result'
import { controlCommand, type Verb } from './commands'

type Command = { program: string; args: string[] }

/**
 * The macOS app's stop and start, run as the user who runs the server: the app lives in that
 * user's session, and started as root it would run as root. As that user: the plain command. As
 * root: `launchctl asuser UID sudo -u USER PROGRAM ...` (launchctl(1): asuser runs a command in the
 * user's bootstrap context but keeps the caller's credentials, hence sudo -u; the program by its
 * absolute path, since sudo resets PATH). As anyone else: refused, with who to run it as.
 */
export async function macosControlCommand(host: Host, user: string | null, verb: Verb): Promise<Command> {
  const plain = controlCommand({ kind: 'macos-app', user }, verb)!
  if (!user) return plain
  const id = async (args: string[]): Promise<string> => (await host.exec('id', args, { timeoutMs: 10_000 })).stdout.trim()
  const me = await id(['-u'])
  if (me !== '0') {
    if ((await id(['-un'])) === user) return plain
    throw new CoreError('CONTROL_FAILED', `Plex Media Server runs as ${user} on this Mac, so it is stopped and started as ${user}. Run Plex Reclaim as ${user}, or with sudo.`)
  }
  const uid = await id(['-u', user])
  const program = await host.which(plain.program)
  if (!/^\d+$/.test(uid) || !program) throw new CoreError('CONTROL_FAILED', `Plex Media Server could not be ${verb === 'stop' ? 'stopped' : 'started'} as ${user}: ${!program ? `"${plain.program}" was not found` : `no user ${user} on this Mac`}.`)
  return { program: 'launchctl', args: ['asuser', uid, 'sudo', '-u', user, program, ...plain.args] }
}
