import { CLAIM_URL, CoreError, GENERAL_CLAIM_WARNING, SERVER_SIGN_IN_SOURCES, SERVER_SIGN_IN_STEPS, accountChangeWarning, type ClaimResult, type Known, type Ownership, type SignInResult } from '../../app/index'
import type { CliContext } from '../context'
import { UsageError, chosen, printJson } from '../context'
import type { ClaimJson, OwnershipJson } from '../json'

export const ownershipJson = (o: Ownership | null): OwnershipJson | null =>
  o && { state: o.state, listed: o.listed, owned: o.owned, account: o.account, serverName: o.serverName, accountDiffers: o.accountDiffers }

/** plex.tv's word, under the server's: what it lists, or why it could not be asked. */
export function describeOwnership(o: Ownership): string[] {
  const name = o.serverName ?? 'this server'
  const who = o.account ?? 'the account'
  const cannot = "plex.tv's own check could not be made"
  const line = {
    owned: `plex.tv lists ${name} as owned by ${who}.`,
    'not-owned': `plex.tv lists ${name} for ${who}, but not as owned by that account (it is shared with it).`,
    'not-listed': `plex.tv does not list this server for ${who} yet (it can lag behind a claim). Check again later with: plex-reclaim status`,
    refused: `${cannot}: plex.tv did not accept the server's token for it (401). That says nothing about who owns the server.`,
    unreachable: `${cannot}: plex.tv did not answer.`,
    'unexpected-answer': `${cannot}: plex.tv gave an unexpected answer.`
  }[o.state]
  const lines = [line]
  if (o.accountDiffers) lines.push(`Note: plex.tv names the account ${o.account}, not ${o.expectedAccount} that the claim used.`)
  return lines
}

async function done(ctx: CliContext, outcome: ClaimResult, k: Known | null, extra: Record<string, unknown> = {}): Promise<number> {
  const ownership = await ctx.service.ownership(ctx.entry, k)
  const json: ClaimJson = { claimed: outcome.claimed, username: outcome.username, accountChange: outcome.accountChange, route: outcome.route, serverSignIn: null, ownership: ownershipJson(ownership) }
  if (ctx.flags.json) printJson(ctx, { ...extra, ...json })
  else {
    ctx.out(`The server is claimed${outcome.username ? ` and signed in as ${outcome.username}` : ''}. Open Plex Web to use it${ownership?.plexWeb ? `: ${ownership.plexWeb}` : ''}.`)
    for (const line of ownership ? describeOwnership(ownership) : []) ctx.out(line)
    if (outcome.route === 'local-claim-unconfirmed') ctx.out('Note: this server version signs in through its own Plex Web; the claim from here worked, a route Plex has not confirmed for it.')
    if (outcome.accountChange) ctx.out(`Note: ${accountChangeWarning(outcome.accountChange.previousAccount, outcome.accountChange.newAccount)}`)
    ctx.out('If Plex Web says "Not authorized", open it in a private window: the browser is usually signed in to another account.')
  }
  return 0
}

/** The installation being claimed, for the account it had; none when it cannot be told which. */
const claimedInstallation = (ctx: CliContext): Promise<Known | null> => chosen(ctx).catch(() => null) // the claim itself reports what it needs

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
    result = await ctx.service.signInConfirm('cli', ctx.entry, k)
  }
  if (result.status !== 'claimed') throw new UsageError('The claim was not confirmed.')
  return done(ctx, result.outcome, k, { authUrl })
}

/** Windows 1.32.2+ / macOS 1.29.2+ whose claim did not take: the steps, also as JSON; exit 1. */
async function orServerSignIn(ctx: CliContext, claim: () => Promise<number>): Promise<number> {
  try {
    return await claim()
  } catch (error) {
    if (!(error instanceof CoreError) || error.code !== 'CLAIM_SERVER_SIGN_IN' || !ctx.flags.json) throw error
    const json: ClaimJson = { claimed: false, username: null, accountChange: null, route: 'server-sign-in', serverSignIn: { steps: SERVER_SIGN_IN_STEPS, sources: SERVER_SIGN_IN_SOURCES }, ownership: null }
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
  return done(ctx, await ctx.service.claimWithToken(ctx.entry, ctx.flags.token, k), k)
}
