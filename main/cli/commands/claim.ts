import { apiFor, type ServerApi } from '../../core/server/api'
import { CLAIM_URL, claimServer, manualClaimRoutes } from '../../core/server/claim'
import type { CliContext } from '../context'
import { UsageError, printJson } from '../context'
import { backupDirOf } from '../run-context'
import { chosenServer, portOf } from '../server-target'

/** Sign in on plex.tv in any browser (this machine's or a phone's), then claim with that account. */
async function claimBySignIn(ctx: CliContext): Promise<number> {
  const { clientIdentifier } = await import('../../core/plex-tv/client-id')
  const { authPageUrl, claimTokenFor, createPin, waitForUserToken } = await import('../../core/plex-tv/sign-in')
  const options = {
    // Stand-ins only where tests set them.
    baseUrl: process.env.PLEX_RECLAIM_PLEXTV_URL ?? 'https://plex.tv',
    authUrl: process.env.PLEX_RECLAIM_PLEXTV_AUTH_URL ?? 'https://app.plex.tv/auth',
    clientIdentifier: await clientIdentifier(ctx.local, backupDirOf(ctx))
  }
  const pin = await createPin(options)
  const url = authPageUrl(options, pin)
  if (!ctx.flags.json) ctx.out(`Open this page in a browser and sign in to Plex:\n\n  ${url}\n\nWaiting for the sign-in…`)
  const userToken = await waitForUserToken(options, pin)
  const outcome = await claimServer(await apiOf(ctx), await claimTokenFor(options, userToken))
  if (ctx.flags.json) printJson(ctx, { authUrl: url, ...outcome })
  else ctx.out(`The server is claimed${outcome.username ? ` and signed in as ${outcome.username}` : ''}.`)
  return 0
}

/** With --server, the chosen server's API (from inside its container for Docker); else the port. */
async function apiOf(ctx: CliContext): Promise<number | ServerApi> {
  if (!ctx.flags.server) return portOf(ctx)
  const { server } = await chosenServer(ctx)
  return apiFor(ctx.host, server)
}

export async function claimCommand(ctx: CliContext): Promise<number> {
  if (ctx.flags['sign-in']) return claimBySignIn(ctx)
  if (!ctx.flags.token) {
    const routes = manualClaimRoutes(portOf(ctx))
    throw new UsageError(`claim needs --token or --sign-in: get a token at ${CLAIM_URL} (it lives about 4 minutes). Or claim in Plex Web on the server: ${routes.plexWeb}`)
  }
  const outcome = await claimServer(await apiOf(ctx), ctx.flags.token)
  if (ctx.flags.json) printJson(ctx, outcome)
  else ctx.out(`The server is claimed${outcome.username ? ` and signed in as ${outcome.username}` : ''}. Open Plex Web to use it.`)
  return 0
}
