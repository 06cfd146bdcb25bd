import { CLAIM_URL } from '../../app/index'
import type { CliContext } from '../context'
import { UsageError, printJson } from '../context'
import type { ClaimJson } from '../json'

function done(ctx: CliContext, outcome: ClaimJson, extra: Record<string, unknown> = {}): number {
  if (ctx.flags.json) printJson(ctx, { ...extra, ...outcome })
  else ctx.out(`The server is claimed${outcome.username ? ` and signed in as ${outcome.username}` : ''}. Open Plex Web to use it.`)
  return 0
}

/** Sign in on plex.tv in any browser (this machine's or a phone's), then claim with that account. */
async function claimBySignIn(ctx: CliContext): Promise<number> {
  const { authUrl } = await ctx.service.signInStart('cli')
  if (!ctx.flags.json) ctx.out(`Open this page in a browser and sign in to Plex:\n\n  ${authUrl}\n\nWaiting for the sign-in…`)
  return done(ctx, await ctx.service.signInWait('cli', ctx.entry), { authUrl })
}

export async function claimCommand(ctx: CliContext): Promise<number> {
  if (ctx.flags['sign-in']) return claimBySignIn(ctx)
  if (!ctx.flags.token) {
    const routes = ctx.service.claimRoutes(ctx.entry)
    throw new UsageError(`claim needs --token or --sign-in: get a token at ${CLAIM_URL} (it lives about 4 minutes). Or claim in Plex Web on the server: ${routes.plexWeb}`)
  }
  return done(ctx, await ctx.service.claimWithToken(ctx.entry, ctx.flags.token))
}
