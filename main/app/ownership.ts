import { accountDiffers, checkOwnership, type OwnershipCheck } from '../core/plex-tv/resources'
import type { PlexTvUserOptions } from '../core/plex-tv/user'
import type { ServerApi } from '../core/server/api'
import type { ClaimProof } from '../core/server/claim'
import { readIdentity } from '../core/server/identity'
import { readSettingValues } from '../core/stores/setting-values'
import type { SettingsStore } from '../core/stores/types'
import type { ClaimResult } from './accounts'
import type { SignInResult } from './sign-ins'

/** plex.tv's word on the server, with what the claim expected: for Done, `claim --json` and `status --json`. */
export interface Ownership extends OwnershipCheck {
  /** The account the user signed in with (Sign in with Plex) or the claim's answer named. */
  readonly expectedAccount: string | null
  readonly accountDiffers: boolean
  /** Plex Web at app.plex.tv, opened on this server (by its machineIdentifier). */
  readonly plexWeb: string | null
}

/** app.plex.tv's address for one server's libraries (the form Plex Web's own links take). */
export const plexWebFor = (machineIdentifier: string): string => `https://app.plex.tv/desktop/#!/media/${encodeURIComponent(machineIdentifier)}/com.plexapp.plugins.library`

/** After a claim plex.tv lags a few seconds behind: it is asked again for about this long. */
export const OWNERSHIP_WAIT_MS = 15_000

interface Claimed {
  proof: ClaimProof | null
  expected: string | null
}

/**
 * The server tokens of the claims just made, in memory only, until plex.tv has been asked once
 * (then dropped): a later question reads the token from the server's settings again, as the
 * diagnosis does. Keyed by installation (or port when none is known).
 */
export class Ownerships {
  private readonly claims = new Map<string, Claimed>()

  constructor(
    private readonly options: () => Promise<PlexTvUserOptions>,
    private readonly waitMs: () => number | undefined
  ) {}

  /** A claim is under way: its proof arrives while it runs, the account it named after. */
  proofOf(key: string): (proof: ClaimProof) => void {
    this.claims.set(key, { proof: null, expected: null })
    return (proof) => {
      const c = this.claims.get(key)
      if (c) c.proof = proof
    }
  }

  /** The claim's outcome: the account it named is kept beside its proof (none when nothing was claimed). */
  claimed<R extends ClaimResult | SignInResult>(key: string, r: R): R {
    const outcome: ClaimResult | null = 'status' in r ? (r.status === 'claimed' ? r.outcome : null) : r
    const c = this.claims.get(key)
    if (!c?.proof || !outcome) this.claims.delete(key)
    else c.expected = outcome.username
    return r
  }

  /** Right after a claim: with its proof, waiting out plex.tv's lag. Else from `read` (one look), or null. */
  async check(key: string, read: () => Promise<ClaimProof | null>, signal?: AbortSignal): Promise<Ownership | null> {
    const c = this.claims.get(key)
    this.claims.delete(key)
    const proof = c?.proof ?? (await read().catch(() => null)) // the server cannot be read: no proof, no check
    if (!proof) return null
    const waitMs = c?.proof ? (this.waitMs() ?? OWNERSHIP_WAIT_MS) : 0
    const check = await checkOwnership(await this.options(), proof.serverToken, proof.machineIdentifier, { totalMs: waitMs, intervalMs: Math.min(3000, Math.max(1, waitMs / 5)), signal })
    const expected = c?.expected ?? null
    return { ...check, expectedAccount: expected, accountDiffers: accountDiffers(check, expected), plexWeb: plexWebFor(proof.machineIdentifier) }
  }

  clear(): void {
    this.claims.clear()
  }
}

/** Without a claim just made: the token the server's settings hold now and its id from /identity. */
export async function readProof(store: SettingsStore | null, api: number | ServerApi): Promise<ClaimProof | null> {
  if (!store) return null
  const [values, identity] = await Promise.all([readSettingValues(store, ['PlexOnlineToken'] as const), readIdentity(api)])
  const serverToken = values.PlexOnlineToken
  return serverToken && identity?.claimed && identity.machineIdentifier ? { serverToken, machineIdentifier: identity.machineIdentifier } : null
}
