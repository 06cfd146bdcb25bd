import type { PlexAccountRef } from '../plex-tv/user'

const same = (a: string | null, b: string | null): boolean => a !== null && b !== null && a.toLowerCase() === b.toLowerCase()

/** Who the server was signed in as before, when anything of it is known. */
export const knownAccount = (a: PlexAccountRef | null | undefined): a is PlexAccountRef => Boolean(a && (a.username || a.maskedEmail))

/**
 * A different account: neither the username nor the (masked) e-mail matches. A username changed
 * at plex.tv with the same e-mail is the same account, and so is the same username.
 */
export function accountChanged(previous: PlexAccountRef | null, next: PlexAccountRef | null, emails: { previous?: string | null; next?: string | null } = {}): boolean {
  if (!knownAccount(previous) || !knownAccount(next)) return false
  const comparable = Boolean((previous.username && next.username) || (previous.maskedEmail && next.maskedEmail))
  if (!comparable) return false
  // Masked e-mails can coincide (kate@ and kim@ one domain): the full ones decide when both are known.
  const sameEmail = emails.previous && emails.next ? same(emails.previous, emails.next) : same(previous.maskedEmail, next.maskedEmail)
  return !same(previous.username, next.username) && !sameEmail
}

export const describeAccountRef = (a: PlexAccountRef): string => [a.username, a.maskedEmail && `(${a.maskedEmail})`].filter(Boolean).join(' ') || 'an unnamed account'

/** Said before any claim that may change the account; user reports, not a Plex statement. */
export const GENERAL_CLAIM_WARNING =
  'Claim the server with the account it was signed in to before, if you can. Shares, Plex Home users and managed users belong to that account and may not follow the server to another one.'

export function accountChangeWarning(previous: PlexAccountRef, next: PlexAccountRef): string {
  return `The server was signed in to ${describeAccountRef(previous)}; this claim signs it in to ${describeAccountRef(next)}. Shares, Plex Home users and managed users tied to ${describeAccountRef(previous)} may not follow.`
}
