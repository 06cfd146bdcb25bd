import { CLAIM_URL, CoreError, GENERAL_CLAIM_WARNING, SERVER_SIGN_IN_SOURCES, SERVER_SIGN_IN_STEPS, accountChangeWarning, type ClaimResult, type Known, type SignInResult } from '../../app/index'
import type { CliContext } from '../context'
import { UsageError, chosen, printJson } from '../context'
import type { ClaimJson } from '../json'

function done(ctx: CliContext, outcome: ClaimResult, extra: Record<string, unknown> = {}): number {
  const json: ClaimJson = { claimed: outcome.claimed, username: outcome.username, accountChange: outcome.accountChange, route: outcome.route, serverSignIn: null }
  if (ctx.flags.json) printJson(ctx, { ...extra, ...json })
  else {
    ctx.out(`The server is claimed${outcome.username ? ` and signed in as ${outcome.username}` : ''}. Open Plex Web to use it.`)
    if (outcome.route === 'local-claim-unconfirmed') ctx.out('Note: this server version signs in through its own Plex Web; the claim from here worked, a route Plex has not confirmed for it.')
    if (outcome.accountChange) ctx.out(`Note: ${accountChangeWarning(outcome.accountChange.previousAccount, outcome.accountChange.newAccount)}`)
    ctx.out('If Plex Web says "Not authorized", open it in a private window: the browser is usually signed in to another account.')
  }
  return 0
}

/** The installation being claimed, for the account it had; none when it cannot be told which. */
const claimedInstallation = (ctx: CliContext): Promise<Known | null> => chosen(ctx).catch(() => null)

/** Sign in on plex.tv in any browser (this machine's or a phone's), then claim with that account. */
async function claimBySignIn(ctx: CliContext): Promise<number> {
  const k = await claimedInstallation(ctx)
  const { authUrl } = await ctx.service.signInStart('cli')
  if (!ctx.flags.json) ctx.out(`Open this page in a browser and sign in to Plex:\n\n  ${authUrl}\n\nWaiting for the sign-in…`)
  let result: SignInResult = await ctx.service.signInWait('cli', ctx.entry, k)
  if (result.status === 'needs-confirmation') {
    const warning = accountChangeWarning(result.previousAccount, result.newAccount)
    if (!ctx.flags.yes) {
      await ctx.service.signInCancel('cli')
      throw new UsageError(`${warning} Nothing was claimed. To claim it with ${result.newAccount.username ?? 'that account'} anyway, run the claim again with --yes.`)
    }
    if (!ctx.flags.json) ctx.out(`Note: ${warning} Going on (--yes).`)
    result = await ctx.service.signInConfirm('cli', ctx.entry)
  }
  if (result.status !== 'claimed') throw new UsageError('The claim was not confirmed.')
  return done(ctx, result.outcome, { authUrl })
}

/** Windows 1.32.2+ / macOS 1.29.2+ whose claim did not take: the steps, also as JSON; exit 1. */
async function orServerSignIn(ctx: CliContext, claim: () => Promise<number>): Promise<number> {
  try {
    return await claim()
  } catch (error) {
    if (!(error instanceof CoreError) || error.code !== 'CLAIM_SERVER_SIGN_IN' || !ctx.flags.json) throw error
    const json: ClaimJson = { claimed: false, username: null, accountChange: null, route: 'server-sign-in', serverSignIn: { steps: SERVER_SIGN_IN_STEPS, sources: SERVER_SIGN_IN_SOURCES } }
    printJson(ctx, json)
    return 1
  }
}

export function claimCommand(ctx: CliContext): Promise<number> {
  return orServerSignIn(ctx, () => claimWith(ctx))
}

async function claimWith(ctx: CliContext): Promise<number> {
  if (ctx.flags['sign-in']) return claimBySignIn(ctx)
  if (!ctx.flags.token) {
    const routes = await ctx.service.claimRoutes(ctx.entry)
    throw new UsageError(`claim needs --token or --sign-in: get a token at ${CLAIM_URL} (it lives about 4 minutes). Or claim in Plex Web on the server: ${routes.plexWeb}`)
  }
  const k = await claimedInstallation(ctx)
  if (!ctx.flags.json && (await ctx.service.previousAccount(k))) ctx.out(`Note: ${GENERAL_CLAIM_WARNING}`)
  return done(ctx, await ctx.service.claimWithToken(ctx.entry, ctx.flags.token, k))
}
