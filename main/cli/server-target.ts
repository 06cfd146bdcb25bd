import { findInstallation } from '../core/installations'
import type { Installation } from '../core/detect/types'
import { DEFAULT_PORT, targetOf, type ServerTarget } from '../core/server/control'
import type { CliContext } from './context'
import { UsageError } from './context'

/** The installation a command acts on (--server ID, or the only one found) and its server. */
export async function chosenServer(ctx: CliContext): Promise<{ installation: Installation; server: ServerTarget }> {
  const installation = await findInstallation({ host: ctx.host, root: ctx.flags.root ?? '/', docker: !ctx.flags.root }, ctx.flags.server)
  return { installation, server: targetOf(installation, portOf(ctx)) }
}

export function portOf(ctx: CliContext): number {
  if (ctx.serverPort !== undefined) return ctx.serverPort
  return remotePortOf(ctx)
}

/** The port on the server itself (32400 unless --port says otherwise). */
export function remotePortOf(ctx: CliContext): number {
  if (ctx.flags.port === undefined) return DEFAULT_PORT
  const port = Number(ctx.flags.port)
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port takes a port number (1 to 65535), not "${ctx.flags.port}".`)
  return port
}

const MAX_TIMER_MS = 2 ** 31 - 1

export function timeoutOf(ctx: CliContext, fallbackMs: number): number {
  if (ctx.flags.timeout === undefined) return fallbackMs
  const seconds = Number(ctx.flags.timeout)
  if (!(seconds > 0)) throw new UsageError(`--timeout takes seconds, not "${ctx.flags.timeout}".`)
  // Node fires a timer of more than 2^31 - 1 ms at once, so a huge wait would mean "give up now".
  if (seconds * 1000 > MAX_TIMER_MS) throw new UsageError(`--timeout takes at most ${Math.floor(MAX_TIMER_MS / 1000)} seconds (about 24 days), not "${ctx.flags.timeout}".`)
  return seconds * 1000
}
