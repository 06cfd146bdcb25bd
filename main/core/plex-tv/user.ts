import { z } from 'zod'
import { maskEmail, maskUsername } from '../account/summary'
import { APP_NAME, APP_VERSION } from '../app-info'

/**
 * plex.tv's view of a token: GET https://plex.tv/api/v2/user with X-Plex-Token (Plex's
 * "Authenticating with Plex" forum post; python-plexapi's MyPlexAccount reads the same). 401 means
 * plex.tv no longer accepts it; 200 names its account. The answer also carries the token itself,
 * so only the username and e-mail are taken from it, and the e-mail leaves here masked.
 */
export interface PlexTvUserOptions {
  readonly baseUrl: string
  readonly clientIdentifier: string
  readonly timeoutMs?: number
}

/** Safe to show and to keep: the username (an e-mail as username masked) and the masked e-mail. */
export interface PlexAccountRef {
  readonly username: string | null
  readonly maskedEmail: string | null
}

export type TokenCheck =
  | { readonly state: 'valid'; readonly account: PlexAccountRef }
  | { readonly state: 'revoked' }
  | { readonly state: 'unknown'; readonly reason: 'unreachable' | 'unexpected-answer' }

const userSchema = z.object({
  username: z.string().min(1).max(256),
  email: z.string().max(320).nullish()
})

const headers = (o: PlexTvUserOptions, token: string): Record<string, string> => ({
  accept: 'application/json',
  'X-Plex-Product': APP_NAME,
  'X-Plex-Version': APP_VERSION,
  'X-Plex-Client-Identifier': o.clientIdentifier,
  'X-Plex-Token': token
})

/** The account and, for an exact comparison inside main only, its full e-mail (never shown or sent on). */
export type TokenAccount = { readonly state: 'valid'; readonly account: PlexAccountRef; readonly email: string | null } | Exclude<TokenCheck, { state: 'valid' }>

export async function accountOfToken(o: PlexTvUserOptions, token: string): Promise<TokenAccount> {
  let res: Response
  try {
    res = await fetch(`${o.baseUrl}/api/v2/user`, { headers: headers(o, token), signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) })
  } catch {
    return { state: 'unknown', reason: 'unreachable' }
  }
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined) // the answer is not needed: only its status
    return res.status === 401 ? { state: 'revoked' } : { state: 'unknown', reason: 'unexpected-answer' }
  }
  const parsed = userSchema.safeParse(await res.json().catch(() => null)) // not JSON: the schema check below refuses it
  if (!parsed.success) return { state: 'unknown', reason: 'unexpected-answer' }
  const email = parsed.data.email || null
  return { state: 'valid', account: { username: maskUsername(parsed.data.username), maskedEmail: email ? maskEmail(email) : null }, email }
}

/** plex.tv's verdict on a token, in a form that is safe to show: no token, the e-mail masked. */
export async function checkToken(o: PlexTvUserOptions, token: string): Promise<TokenCheck> {
  const r = await accountOfToken(o, token)
  return r.state === 'valid' ? { state: 'valid', account: r.account } : r
}

/**
 * Signs this app's device token out at plex.tv (DELETE /api/v2/users/signout, as python-plexapi's
 * MyPlexAccount.signout does), so the token "Sign in with Plex" obtained stops working once the claim
 * is over, whatever its outcome. Best effort: a failure is not the user's problem to solve.
 */
export async function signOut(o: PlexTvUserOptions, token: string): Promise<boolean> {
  try {
    const res = await fetch(`${o.baseUrl}/api/v2/users/signout`, { method: 'DELETE', headers: headers(o, token), signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) })
    await res.body?.cancel().catch(() => undefined) // the answer is not needed: only its status
    return res.ok
  } catch { // unreachable: plex.tv cannot confirm it, which is what false says
    return false
  }
}
