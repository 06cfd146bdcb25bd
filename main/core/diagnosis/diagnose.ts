import type { ServerControl } from '../detect/types'
import type { Host } from '../host/types'
import { checkToken, type PlexAccountRef, type PlexTvUserOptions } from '../plex-tv/user'
import type { SettingsStore } from '../stores/types'
import { readSettingValues } from '../stores/setting-values'
import { allowsAddress, parseAllowedNetworks } from './allowed-networks'
import { addressesServerSees, type SeenAddresses } from './client-address'

/**
 * What plex.tv says of the token the server holds. valid: plex.tv accepts it and names the account
 * (so "can you sign in as ACCOUNT?" is the question); revoked: a reset is certainly needed;
 * unknown: the question stays the general one.
 */
export type SignInDiagnosis =
  | { readonly state: 'valid'; readonly account: PlexAccountRef }
  | { readonly state: 'revoked' }
  /** PlexOnlineToken is there but empty, as a revoked server may be left (linuxserver/docker-plex #328): it needs a claim. */
  | { readonly state: 'claim-needed' }
  | { readonly state: 'unknown'; readonly reason: 'no-token' | 'unreadable' | 'unreachable' | 'unexpected-answer' }

/**
 * allowedNetworks (article 200890058) and the address the server sees for this computer. Given
 * only for a server without Plex Home (article 203948786): with Plex Home, PMS asks for a user. The
 * same article says a PIN on the owner's account forces sign-in too; whether that account sets
 * PlexOnlineHome is not known, so the wizard's words say so instead of this being inferred.
 */
export interface LocalAccess {
  readonly allowedNetworks: readonly string[]
  readonly seenAs: SeenAddresses
  /** Plex Web opened from here may reach the server without signing in. */
  readonly inside: boolean
}

export interface Diagnosis {
  readonly signIn: SignInDiagnosis
  /** null: Plex Home, no allowedNetworks, an unreadable store, or an address that is not known. */
  readonly localAccess: LocalAccess | null
}

const KEYS = ['PlexOnlineToken', 'PlexOnlineHome', 'allowedNetworks'] as const

export interface DiagnoseInput {
  readonly host: Host
  readonly store: SettingsStore
  readonly control: ServerControl
  readonly plexTv: PlexTvUserOptions
}

/** Reads the store (on its own host), asks plex.tv about the token and lets the token go. */
export async function diagnose(input: DiagnoseInput): Promise<Diagnosis> {
  let values: Partial<Record<(typeof KEYS)[number], string>>
  try {
    values = await readSettingValues(input.store, KEYS)
  } catch {
    return { signIn: { state: 'unknown', reason: 'unreadable' }, localAccess: null }
  }
  const token = values.PlexOnlineToken
  const [check, localAccess] = await Promise.all([token ? checkToken(input.plexTv, token) : null, localAccessOf(input, values.allowedNetworks, values.PlexOnlineHome === '1')])
  const signIn: SignInDiagnosis = token === '' ? { state: 'claim-needed' } : !check ? { state: 'unknown', reason: 'no-token' } : check
  return { signIn, localAccess }
}

async function localAccessOf(input: DiagnoseInput, setting: string | undefined, plexHome: boolean): Promise<LocalAccess | null> {
  if (plexHome) return null
  const networks = parseAllowedNetworks(setting)
  if (networks.entries.length === 0) return null
  const seenAs = await addressesServerSees(input.host, input.control)
  if (!seenAs) return null
  return { allowedNetworks: networks.entries, seenAs, inside: seenAs.addresses.some((a) => allowsAddress(networks, a)) }
}
