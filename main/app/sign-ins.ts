import { accountChanged } from '../core/account/change'
import { authPageUrl, claimTokenFor, createPin, peekUserToken, waitForUserToken, type Pin, type PlexTvOptions } from '../core/plex-tv/sign-in'
import { accountOfToken, signOut, type PlexAccountRef } from '../core/plex-tv/user'
import { CoreError } from '../core/result'
import type { ClaimOutcome } from '../core/server/claim'
import type { ClaimResult } from './accounts'

/** What "Sign in with Plex" reports once the user approved: claimed, or a question first. */
export type SignInResult =
  | { readonly status: 'claimed'; readonly outcome: ClaimResult; readonly newAccount: PlexAccountRef | null }
  /** The account signed in differs from the one the server had: ask before claiming. */
  | { readonly status: 'needs-confirmation'; readonly previousAccount: PlexAccountRef; readonly newAccount: PlexAccountRef }

interface Pending {
  readonly options: PlexTvOptions
  readonly pin: Pin
  readonly abort: AbortController
  /** Held in memory only, between the approval and the user's answer; signed out after. */
  userToken?: string
  newAccount?: PlexAccountRef | null
  previous?: PlexAccountRef | null
  /** Full e-mails, for the comparison only: never returned, logged or kept beyond the sign-in. */
  emails?: { previous: string | null; next: string | null }
}

/** The account the server had, and its full e-mail when a backup holds it (compared in main only). */
export interface PreviousAccount {
  readonly account: PlexAccountRef
  readonly email: string | null
}

const noSignIn = (): CoreError => new CoreError('SIGN_IN_CANCELLED', 'No sign-in is under way. Click "Sign in with Plex" to start one.')

/**
 * "Sign in with Plex": a PIN at plex.tv, the user's approval, the account it names (GET
 * /api/v2/user), then the claim. The user token never leaves this object; it is signed out at
 * plex.tv after every outcome (claimed, failed, cancelled), so no device token is left behind.
 */
export class SignIns {
  private readonly pending = new Map<string, Pending>()

  constructor(private readonly options: () => Promise<PlexTvOptions>) {}

  async start(key: string): Promise<{ authUrl: string }> {
    await this.cancel(key)
    const options = await this.options()
    const pin = await createPin(options)
    this.pending.set(key, { options, pin, abort: new AbortController() })
    return { authUrl: authPageUrl(options, pin) }
  }

  /**
   * Waits for the approval. When the account differs from `previous` by username and e-mail, it
   * stops there and asks (confirm() claims, cancel() does not); otherwise it claims at once.
   */
  async wait(key: string, before: PreviousAccount | null, claim: (claimToken: string) => Promise<ClaimOutcome>): Promise<SignInResult> {
    const p = this.pending.get(key)
    if (!p) throw noSignIn()
    const previous = before?.account ?? null
    p.previous = previous
    try {
      p.userToken = await waitForUserToken(p.options, p.pin, { signal: p.abort.signal })
      const check = await accountOfToken(p.options, p.userToken)
      p.newAccount = check.state === 'valid' ? check.account : null
      p.emails = { previous: before?.email ?? null, next: check.state === 'valid' ? check.email : null }
    } catch (error) {
      await this.end(key, p)
      throw error
    }
    if (previous && p.newAccount && accountChanged(previous, p.newAccount, p.emails)) return { status: 'needs-confirmation', previousAccount: previous, newAccount: p.newAccount }
    return this.claimWith(key, p, claim)
  }

  /** The user chose to go on with the other account. */
  async confirm(key: string, claim: (claimToken: string) => Promise<ClaimOutcome>): Promise<SignInResult> {
    const p = this.pending.get(key)
    if (!p?.userToken) throw noSignIn()
    return this.claimWith(key, p, claim)
  }

  private async claimWith(key: string, p: Pending, claim: (claimToken: string) => Promise<ClaimOutcome>): Promise<SignInResult> {
    try {
      if (p.abort.signal.aborted) throw new CoreError('SIGN_IN_CANCELLED', 'Sign-in was cancelled. Nothing was changed; start it again when you are ready.')
      const outcome = await claim(await claimTokenFor(p.options, p.userToken!))
      // The server's own answer may not name the account (GET / needs a token); plex.tv did.
      const username = p.newAccount?.username ?? outcome.username
      const { previous, newAccount } = p
      const accountChange = previous && newAccount && accountChanged(previous, newAccount, p.emails) ? { previousAccount: previous, newAccount } : null
      return { status: 'claimed', outcome: { ...outcome, username, accountChange }, newAccount: newAccount ?? null }
    } finally {
      await this.end(key, p)
    }
  }

  /** Cancels a sign-in; a token already obtained is signed out. */
  async cancel(key: string): Promise<void> {
    const p = this.pending.get(key)
    if (!p) return
    p.abort.abort()
    await this.end(key, p)
  }

  private async end(key: string, p: Pending): Promise<void> {
    if (this.pending.get(key) === p) this.pending.delete(key)
    p.emails = undefined
    // Cancelled before the approval was seen: the user may have approved it meanwhile.
    const token = p.userToken ?? (p.abort.signal.aborted ? await peekUserToken(p.options, p.pin) : null)
    p.userToken = undefined
    if (token) await signOut(p.options, token)
  }

  async cancelAll(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((k) => this.cancel(k)))
  }
}
