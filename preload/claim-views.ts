/**
 * The contract's views of a diagnosis and a claim (accounts as they may be shown: names and masked
 * e-mails, never a token). Types only; preload/contract.ts re-exports them with the channels.
 */

/** An account as it may be shown: the username and a masked e-mail, never a token. */
export interface PlexAccountView {
  readonly username: string | null
  readonly maskedEmail: string | null
}

/**
 * plex.tv's view of the token the server holds, asked by main (the token never leaves main).
 * valid: ask "Can you sign in to Plex as ACCOUNT?"; revoked: a reset is certainly needed;
 * unknown: keep the general question.
 */
export type SignInStateView =
  | { readonly state: 'valid'; readonly account: PlexAccountView }
  | { readonly state: 'revoked' }
  | { readonly state: 'claim-needed' }
  | { readonly state: 'unknown'; readonly reason: 'no-token' | 'unreadable' | 'unreachable' | 'unexpected-answer' }

/** allowedNetworks and the address the server sees for this computer (only for a server without Plex Home). */
export interface LocalAccessView {
  readonly allowedNetworks: readonly string[]
  readonly seenAs: readonly string[]
  readonly how: 'loopback' | 'ssh-client' | 'docker-gateway'
  /** Plex Web opened from here may reach the server without signing in: a reset may not be needed. */
  readonly inside: boolean
}

export interface DiagnosisView {
  readonly signIn: SignInStateView
  readonly localAccess: LocalAccessView | null
}

/** The claim signed (or would sign) the server in to another account than the one it had. */
export interface AccountChangeView {
  readonly previousAccount: PlexAccountView
  readonly newAccount: PlexAccountView
}

export interface ClaimedView {
  readonly status: 'claimed'
  readonly username: string | null
  /** Set when the account differs from the one before: warn that shares and Home users may not follow. */
  readonly accountChange: AccountChangeView | null
}

/** "Sign in with Plex" with another account than before: nothing claimed yet; confirm or cancel. */
export interface NeedsConfirmationView extends AccountChangeView {
  readonly status: 'needs-confirmation'
  readonly username: null
}
