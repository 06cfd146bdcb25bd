import type { Platform } from '../detect/types'
import { CoreError } from '../result'
import { asApi, type HttpAnswer, type ServerApi } from './api'
import { isMaintenancePage, probeServer, xmlAttributes, type Identity } from './identity'

/** Claim tokens live about 4 minutes (LSIO README; plex-domain.md 3b). */
export const CLAIM_TOKEN_LIFETIME_MS = 4 * 60 * 1000
export const CLAIM_URL = 'https://www.plex.tv/claim'

/** Accepts the token with or without its "claim-" prefix (users paste both; OmniStream #2). */
export function normalizeClaimToken(input: string): string {
  const trimmed = input.trim()
  const body = trimmed.startsWith('claim-') ? trimmed.slice(6) : trimmed
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(body)) {
    throw new CoreError('CLAIM_TOKEN_INVALID', `That does not look like a claim token. Copy the whole code from ${CLAIM_URL} (it starts with "claim-").`)
  }
  return `claim-${body}`
}

export interface ClaimOutcome {
  readonly claimed: true
  readonly username: string | null
  /** local-claim-unconfirmed: POST /myplex/claim worked on a server that signs in through its own Plex Web. */
  readonly route: 'local-claim' | 'local-claim-unconfirmed'
}

/**
 * Plex's forum announcements: Windows servers from 1.32.2 and macOS servers from 1.29.2 are
 * claimed through their own sign-in (the server's icon, then Plex Web on that computer); whether a local POST
 * /myplex/claim still works there is not known, so it is tried and labelled unconfirmed.
 */
const OWN_SIGN_IN_FROM: Partial<Record<Platform, readonly number[]>> = { windows: [1, 32, 2], macos: [1, 29, 2] }

export function serverOwnSignIn(platform: Platform | null, version: string): boolean {
  const from = platform ? OWN_SIGN_IN_FROM[platform] : undefined
  const parts = /^(\d+)\.(\d+)\.(\d+)/.exec(version)?.slice(1).map(Number)
  if (!from || !parts) return false
  const i = parts.findIndex((p, n) => p !== from[n])
  return i < 0 || parts[i]! > from[i]!
}

/**
 * What to do on such a server, in the order to do it (the CLI's JSON lists them too): our reading
 * of the two announcements, which say opening the bundled Plex Web (127.0.0.1:32400/web) no longer
 * offers the claim there, so that is not a step (issue 25 item 6).
 */
export const SERVER_SIGN_IN_SOURCES = ['https://forums.plex.tv/t/new-claiming-requirement-for-windows/839096', 'https://forums.plex.tv/t/new-server-claiming-requirement-for-macos/816337'] as const
export const SERVER_SIGN_IN_STEPS = [
  'On the computer that runs Plex Media Server, click its icon (in the notification area on Windows, in the menu bar on macOS) and choose "Open Plex…".',
  'Sign in with your Plex account when the server asks: it claims itself for that account.'
] as const
const OUR_READING = `(These steps are our reading of Plex's announcements: ${SERVER_SIGN_IN_SOURCES.join(' and ')}.)`

function useServerSignIn(platform: Platform, version: string, why: string): CoreError {
  const name = platform === 'windows' ? 'Windows' : 'macOS'
  const steps = SERVER_SIGN_IN_STEPS.map((s, i) => `${i + 1}. ${s}`).join(' ')
  return new CoreError('CLAIM_SERVER_SIGN_IN', `Plex Media Server ${version} on ${name} is claimed through its own sign-in (Plex's announcement for ${name} ${OWN_SIGN_IN_FROM[platform]!.join('.')} and later), and the claim from here ${why}. ${steps} ${OUR_READING}`)
}

/**
 * The hint after a reset. On Windows and macOS the server's icon ("Open Plex…") is the way on
 * every version (older ones open the bundled Plex Web from there), so the bundled Plex Web is not
 * named there; elsewhere it still offers the claim.
 */
export function claimAgainHint(platform: Platform): string {
  const token = `plex-reclaim claim --token CLAIM-TOKEN (from ${CLAIM_URL})`
  if (platform !== 'windows' && platform !== 'macos') return `${token}, or open http://127.0.0.1:32400/web on the server.`
  return `${token}, or, on the computer that runs the server, click its icon, choose "Open Plex…" and sign in with your Plex account ${OUR_READING}`
}

/** How long the claim waits out startup maintenance, and how often it looks again. */
export const CLAIM_MAINTENANCE_WAIT_MS = 5 * 60 * 1000
const POLL_MS = 1000
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** GET /identity, waiting while the server runs its startup maintenance; null when nothing answers. */
async function identityAfterMaintenance(api: ServerApi, until: number): Promise<Identity | null> {
  for (;;) {
    const probe = await probeServer(api)
    if (probe.kind !== 'maintenance' || Date.now() >= until) return probe.kind === 'identity' ? probe.identity : null
    await sleep(POLL_MS)
  }
}

/** POST /myplex/claim; sent again while the server answers with its maintenance page. */
async function sendClaim(api: ServerApi, token: string, until: number): Promise<HttpAnswer | null> {
  for (;;) {
    const answer = await api.request('POST', `/myplex/claim?token=${encodeURIComponent(token)}`, 30_000)
    if (!answer || !isMaintenancePage(answer) || Date.now() >= until) return answer
    await sleep(POLL_MS)
  }
}

/**
 * Claims the local server with a token from plex.tv/claim, then confirms it through the API. The
 * account comes from the claim's own answer (the <MyPlex> element python-plexapi's claim() reads):
 * `GET /` needs a token, so it says nothing to us. That answer carries the server's token too; it
 * goes only to onProof, for plex.tv's own check of the outcome (held in memory, never shown).
 */
/** What plex.tv's own check needs after a claim: the server's new token (kept in memory only) and its id. */
export interface ClaimProof {
  readonly serverToken: string
  readonly machineIdentifier: string
}

export async function claimServer(server: number | ServerApi, input: string, options: { maintenanceWaitMs?: number; platform?: Platform | null; onProof?: (proof: ClaimProof) => void } = {}): Promise<ClaimOutcome> {
  const token = normalizeClaimToken(input)
  const api = asApi(server)
  const until = Date.now() + (options.maintenanceWaitMs ?? CLAIM_MAINTENANCE_WAIT_MS)
  const identity = await identityAfterMaintenance(api, until)
  if (!identity) throw new CoreError('SERVER_UNREACHABLE', `Plex Media Server does not answer on ${api.where}. Start it, wait a moment, and claim again.`)
  if (identity.claimed) throw new CoreError('ALREADY_CLAIMED', 'The server is already signed in to an account. If that is the wrong account, run the reset first.')
  const platform = options.platform ?? null
  if (!platform || !serverOwnSignIn(platform, identity.version)) return { ...(await sendAndConfirm(api, token, until, options.onProof)), route: 'local-claim' }
  try {
    return { ...(await sendAndConfirm(api, token, until, options.onProof)), route: 'local-claim-unconfirmed' }
  } catch (error) {
    // A server that stopped answering or is in maintenance is not helped by its sign-in either.
    if (!(error instanceof CoreError) || ['SERVER_UNREACHABLE', 'SERVER_MAINTENANCE'].includes(error.code)) throw error
    throw useServerSignIn(platform, identity.version, error.code === 'CLAIM_NOT_CONFIRMED' ? 'left it unclaimed' : `did not work (${error.message})`)
  }
}

async function sendAndConfirm(api: ServerApi, token: string, until: number, onProof?: (proof: ClaimProof) => void): Promise<{ claimed: true; username: string | null }> {
  const answer = await sendClaim(api, token, until)
  if (!answer) throw new CoreError('SERVER_UNREACHABLE', `Plex Media Server stopped answering on ${api.where} during the claim. Check that it runs, then claim again with a new token.`)
  if (isMaintenancePage(answer)) throw new CoreError('SERVER_MAINTENANCE', 'Plex Media Server is still running its startup maintenance (for example a database update). Wait until it finishes, then claim again with a new token.')
  if (answer.status === 401 || /401 Unauthorized/.test(answer.body)) {
    // A claim token works once: a claim that finished meanwhile (a second click, the server's own
    // sign-in) makes ours a 401. The server says whether it is claimed now (issue 25 item 10).
    if ((await identityAfterMaintenance(api, until))?.claimed) return { claimed: true, username: null }
    throw new CoreError('CLAIM_TOKEN_REJECTED', `plex.tv did not accept that claim token: it has expired (they last about 4 minutes) or belongs to nobody. Get a new one at ${CLAIM_URL} and use it right away.`)
  }
  if (answer.status >= 500) {
    throw new CoreError('PLEX_OUTAGE', 'plex.tv could not complete the claim (a Plex-side error). Wait a few minutes and try again with a new token; check status.plex.tv if it persists.')
  }
  if (answer.status !== 200) throw new CoreError('CLAIM_NOT_CONFIRMED', `The server answered the claim with HTTP ${answer.status}. Try again with a new token from ${CLAIM_URL}.`)
  const after = await identityAfterMaintenance(api, until)
  if (!after?.claimed) throw new CoreError('CLAIM_NOT_CONFIRMED', 'The claim was sent, but the server does not report itself as claimed. Reload Plex Web, or claim again with a new token.')
  const myPlex = xmlAttributes(answer.body, 'MyPlex')
  if (myPlex?.authToken && after.machineIdentifier) onProof?.({ serverToken: myPlex.authToken, machineIdentifier: after.machineIdentifier })
  return { claimed: true, username: myPlex?.username || null }
}

/** The routes that need no token from us, as text the wizard and the CLI can show. */
export function manualClaimRoutes(port = 32400, sshTarget = 'user@server'): { plexWeb: string; sshTunnel: string; note: string } {
  return {
    plexWeb: `http://127.0.0.1:${port}/web`,
    sshTunnel: `ssh -L ${port}:127.0.0.1:${port} -N ${sshTarget}   (then open http://localhost:${port}/web on this computer)`,
    note: 'Windows servers from 1.32.2 and macOS servers from 1.29.2 are claimed through their own sign-in: open Plex Media Server on that computer and sign in there.'
  }
}
