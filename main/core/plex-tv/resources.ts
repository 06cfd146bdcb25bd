import { z } from 'zod'
import { maskUsername } from '../account/summary'
import { APP_NAME, APP_VERSION } from '../app-info'
import { accountOfToken, type PlexTvUserOptions } from './user'

/**
 * plex.tv's own word on a claimed server: with the server's new token, GET /api/v2/user names the
 * account and GET /api/v2/resources lists that account's devices (python-plexapi's
 * MyPlexAccount.resources() reads the same list, MyPlexResource: name, clientIdentifier, owned,
 * provides). The server is found by clientIdentifier, which is its machineIdentifier. Whether a
 * server's own token may list resources is a reading of the API, not verified against plex.tv
 * (docs/platforms.md): a refusal says the check could not be made, never anything about ownership.
 */
export type OwnershipState =
  /** Listed, owned by the account. */
  | 'owned'
  /** Listed, but as another account's server shared with this one. */
  | 'not-owned'
  /** Not in the list after the wait (plex.tv lags a few seconds behind a claim). */
  | 'not-listed'
  /** plex.tv refused the token (401): the check could not be made. */
  | 'refused'
  | 'unreachable'
  | 'unexpected-answer'

export interface OwnershipCheck {
  readonly state: OwnershipState
  /** null when the list could not be read. */
  readonly listed: boolean | null
  readonly owned: boolean | null
  /** The account the token belongs to (an e-mail as username masked), or null when not known. */
  readonly account: string | null
  /** The server's name as plex.tv lists it. */
  readonly serverName: string | null
}

// One entry of the list; only what is read here is required, the rest (connections, accessToken) is ignored.
const resourceSchema = z.object({
  name: z.string().max(512).nullish(),
  clientIdentifier: z.string().min(1).max(256),
  owned: z.boolean().nullish(),
  provides: z.string().max(256).nullish()
})
const resourcesSchema = z.array(z.unknown()).max(10_000)

export interface OwnershipWait {
  /** How long a server missing from the list is looked for again (about 15 s after a claim; 0: once). */
  readonly totalMs?: number
  readonly intervalMs?: number
  readonly signal?: AbortSignal
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
  })

type ListAnswer = { readonly kind: 'list'; readonly entries: readonly z.infer<typeof resourceSchema>[] } | { readonly kind: Exclude<OwnershipState, 'owned' | 'not-owned' | 'not-listed'> }

async function listResources(o: PlexTvUserOptions, token: string): Promise<ListAnswer> {
  let res: Response
  try {
    res = await fetch(`${o.baseUrl}/api/v2/resources?includeHttps=1&includeRelay=1`, {
      headers: { accept: 'application/json', 'X-Plex-Product': APP_NAME, 'X-Plex-Version': APP_VERSION, 'X-Plex-Client-Identifier': o.clientIdentifier, 'X-Plex-Token': token },
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000)
    })
  } catch {
    return { kind: 'unreachable' }
  }
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined) // only the status matters
    return { kind: res.status === 401 ? 'refused' : 'unexpected-answer' }
  }
  const list = resourcesSchema.safeParse(await res.json().catch(() => null)) // not JSON: the schema check below refuses it
  if (!list.success) return { kind: 'unexpected-answer' }
  // An entry that is not a device (or a device of a shape not known here) is skipped, not fatal.
  const entries = list.data.flatMap((e) => {
    const parsed = resourceSchema.safeParse(e)
    return parsed.success ? [parsed.data] : []
  })
  return { kind: 'list', entries }
}

const unknown = (state: OwnershipState, account: string | null = null): OwnershipCheck => ({ state, listed: null, owned: null, account, serverName: null })

/** Asks plex.tv whose server this is; the token is used for the two requests and kept nowhere. */
export async function checkOwnership(o: PlexTvUserOptions, serverToken: string, machineIdentifier: string, wait: OwnershipWait = {}): Promise<OwnershipCheck> {
  const user = await accountOfToken(o, serverToken)
  if (user.state === 'revoked') return unknown('refused')
  if (user.state === 'unknown') return unknown(user.reason)
  const account = user.account.username
  const until = Date.now() + (wait.totalMs ?? 0)
  for (;;) {
    const answer = await listResources(o, serverToken)
    if (answer.kind !== 'list') return unknown(answer.kind, account)
    const entry = answer.entries.find((e) => e.clientIdentifier === machineIdentifier)
    if (entry) return { state: entry.owned ? 'owned' : 'not-owned', listed: true, owned: entry.owned ?? false, account, serverName: entry.name || null }
    if (Date.now() >= until || wait.signal?.aborted) return { state: 'not-listed', listed: false, owned: null, account, serverName: null }
    await sleep(Math.min(wait.intervalMs ?? 3000, Math.max(0, until - Date.now())), wait.signal)
  }
}

/** The account plex.tv names differs from the one the user signed in with (or the claim answer named). */
export function accountDiffers(check: OwnershipCheck, expected: string | null): boolean {
  return Boolean(check.account && expected && check.account !== maskUsername(expected))
}
