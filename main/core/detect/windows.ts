import { win32 } from 'node:path'
import { WINDOWS_KEY } from '../stores/keys'
import type { RegistryClient } from './registry'
import type { ServerControl } from './types'

export interface WindowsCandidate {
  readonly key: string
  readonly installType: 'windows-tray' | 'windows-service-account'
  readonly label: string
  readonly dataDir: string
  readonly control: ServerControl
  readonly values: Readonly<Record<string, string>>
}

const asText = (values: RegistryKeyValues, name: string): string | undefined => {
  const v = values[name]?.value
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined
}
type RegistryKeyValues = Readonly<Record<string, { readonly value: unknown }>>

const flatten = (values: RegistryKeyValues): Record<string, string> =>
  Object.fromEntries(Object.keys(values).flatMap((k) => (asText(values, k) === undefined ? [] : [[k, asText(values, k)!]])))

/** LocalAppDataPath holds the parent folder; the data is "<it>\Plex Media Server" (DBRepair, PmsService). */
const dataDirFrom = (values: RegistryKeyValues, localAppData: string): string =>
  win32.join(asText(values, 'LocalAppDataPath') ?? localAppData, 'Plex Media Server')

/** The tray install (HKCU) and any service account's hive under HKU (LocalSystem is .DEFAULT). */
export async function windowsCandidates(registry: RegistryClient, env: NodeJS.ProcessEnv): Promise<WindowsCandidate[]> {
  const found: WindowsCandidate[] = []
  const hkcu = `HKCU\\${WINDOWS_KEY}`
  const users = await registry.list([hkcu, 'HKU'])
  const own = users[hkcu]
  if (own?.exists) {
    found.push({
      key: hkcu,
      installType: 'windows-tray',
      label: 'Plex Media Server (Windows)',
      dataDir: dataDirFrom(own.values, env.LOCALAPPDATA ?? 'C:\\Users\\Default\\AppData\\Local'),
      control: { kind: 'windows-tray', installFolder: asText(own.values, 'InstallFolder') ?? null },
      values: flatten(own.values)
    })
  }
  const sids = (users.HKU?.keys ?? []).filter((sid) => !sid.endsWith('_Classes'))
  const hives = await registry.list(sids.map((sid) => `HKU\\${sid}\\${WINDOWS_KEY}`))
  for (const sid of sids) {
    const key = `HKU\\${sid}\\${WINDOWS_KEY}`
    const listing = hives[key]
    if (!listing?.exists) continue
    const system = sid === '.DEFAULT' || sid === 'S-1-5-18'
    const profile = system ? 'C:\\Windows\\System32\\config\\systemprofile\\AppData\\Local' : `C:\\Windows\\ServiceProfiles\\PlexMediaServer\\AppData\\Local`
    found.push({
      key,
      installType: 'windows-service-account',
      label: `Plex Media Server (Windows service account ${system ? 'LocalSystem' : sid})`,
      dataDir: dataDirFrom(listing.values, profile),
      control: { kind: 'windows-service', service: 'PlexService' },
      values: flatten(listing.values)
    })
  }
  return found
}
