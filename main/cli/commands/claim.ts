import { CLAIM_URL, claimServer, manualClaimRoutes } from '../../core/server/claim'
import type { CliContext } from '../context'
import { UsageError, printJson } from '../context'
import { portOf } from '../server-target'

export async function claimCommand(ctx: CliContext): Promise<number> {
  if (!ctx.flags.token) {
    const routes = manualClaimRoutes(portOf(ctx))
    throw new UsageError(`claim needs --token: get one at ${CLAIM_URL} (it lives about 4 minutes). Or claim in Plex Web on the server: ${routes.plexWeb}`)
  }
  const outcome = await claimServer(portOf(ctx), ctx.flags.token)
  if (ctx.flags.json) printJson(ctx, outcome)
  else ctx.out(`The server is claimed${outcome.username ? ` and signed in as ${outcome.username}` : ''}. Open Plex Web to use it.`)
  return 0
}
