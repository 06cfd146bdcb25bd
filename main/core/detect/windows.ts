import { win32 } from 'node:path'
import type { Host } from '../host/types'
import { WINDOWS_KEY } from '../stores/keys'
import { canonicalKey, valueText, type RegKey } from '../stores/reg-file'
import type { RegistryHive } from '../stores/types'
import { reg, regExport, regSubkeys, regValues } from './registry'
import type { LabelDetail, ServerControl } from './types'

export interface WindowsCandidate {
  readonly key: string
  readonly installType: 'windows-tray' | 'windows-service-account'
  readonly label: string
  /** Absent for the tray install: its type alone names it. */
  readonly labelDetail?: LabelDetail
  readonly dataDir: string
  readonly control: ServerControl
  readonly values: Readonly<Record<string, string>>
  /** A service account's hive that is not loaded now: the run loads it (elevated) and unloads it after. */
  readonly hive?: RegistryHive
}

const SERVICES = 'HKLM\\SYSTEM\\CurrentControlSet\\Services'
const PROFILE_LIST = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList'
const SYSTEM = 'S-1-5-18'
/** Well-known service accounts and their SIDs (learn.microsoft.com, "Well-known SIDs"; "Service User Accounts"). */
const WELL_KNOWN: Readonly<Record<string, string>> = {
  localsystem: SYSTEM,
  'nt authority\\system': SYSTEM,
  'nt authority\\localservice': 'S-1-5-19',
  'nt authority\\local service': 'S-1-5-19',
  'nt authority\\networkservice': 'S-1-5-20',
  'nt authority\\network service': 'S-1-5-20'
}

const textValues = (values: RegKey['values'] | null): Record<string, string> =>
  Object.fromEntries((values ?? []).flatMap((v) => (valueText(v) === undefined ? [] : [[v.name, valueText(v)!]])))

const get = (values: Readonly<Record<string, string>>, name: string): string | undefined =>
  Object.entries(values).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]

/** LocalAppDataPath holds the parent folder; the data is "<it>\Plex Media Server" (DBRepair, PmsService). */
const dataDirFrom = (values: Readonly<Record<string, string>>, localAppData: string, env: NodeJS.ProcessEnv = {}): string =>
  win32.join((get(values, 'LocalAppDataPath') ?? localAppData).replace(/%([^%]+)%/g, (all, name: string) => get(env as Record<string, string>, name) ?? all), 'Plex Media Server')

/** HKU\.DEFAULT is the LocalSystem hive that HKU\S-1-5-18 also names: one SID for both. */
const sidOf = (name: string): string => (name.toLowerCase() === '.default' ? SYSTEM : name.toUpperCase())

/** The SID behind HKCU: the HKU hive whose Volatile Environment is HKCU's, else the ProfileList entry of this profile. */
async function currentUserSid(host: Host, sids: readonly string[], env: NodeJS.ProcessEnv): Promise<string | null> {
  const mine = get(textValues(await regValues(host, 'HKCU\\Volatile Environment')), 'USERPROFILE')
  for (const sid of sids) {
    if (!sid.startsWith('S-1-5-21-')) continue
    const theirs = get(textValues(await regValues(host, `HKU\\${sid}\\Volatile Environment`)), 'USERPROFILE')
    if (mine && theirs?.toLowerCase() === mine.toLowerCase()) return sid
  }
  const profile = mine ?? env.USERPROFILE
  if (!profile) return null
  for (const sid of sids) {
    const path = get(textValues(await regValues(host, `${PROFILE_LIST}\\${sid}`)), 'ProfileImagePath')
    if (path?.toLowerCase() === profile.toLowerCase()) return sid
  }
  return null
}

interface Service {
  readonly name: string
  readonly account: string
  readonly sid: string | null
  readonly profile: string | null
}

/**
 * Services that run Plex Media Server.exe: their ImagePath, or a wrapper's parameters (NSSM and
 * srvany keep it in Parameters\Application), name it. `reg query KEY /s /f TEXT /d` searches data
 * (learn.microsoft.com, windows-commands/reg-query); only the key paths it prints are read.
 */
async function plexServices(host: Host): Promise<Service[]> {
  const r = await reg(host, ['query', SERVICES, '/s', '/f', 'Plex Media Server.exe', '/d'])
  if (r.exitCode !== 0) return []
  const prefix = `${canonicalKey(SERVICES)}\\`
  const names = new Set<string>()
  for (const line of r.stdout.split(/\r?\n/).map((l) => l.trim())) {
    if (/^HKEY_/i.test(line) && canonicalKey(line).startsWith(prefix)) names.add(line.slice(prefix.length).split('\\')[0]!)
  }
  const out: Service[] = []
  for (const name of names) {
    const values = textValues(await regValues(host, `${SERVICES}\\${name}`))
    const account = get(values, 'ObjectName') ?? 'LocalSystem'
    const known = WELL_KNOWN[account.toLowerCase()]
    out.push({ name, account, ...(known ? { sid: known, profile: null } : await profileOf(host, account)) })
  }
  return out
}

/** A user account's SID and profile folder, from the ProfileList entry whose folder carries its name. */
async function profileOf(host: Host, account: string): Promise<{ sid: string | null; profile: string | null }> {
  const user = account.split('\\').pop()!.toLowerCase()
  const entries = await regExport(host, PROFILE_LIST)
  if (!entries.ok) return { sid: null, profile: null }
  for (const k of entries.keys) {
    const sid = k.path.split('\\').pop()!
    const path = get(textValues(k.values), 'ProfileImagePath')
    const folder = path ? win32.basename(path).toLowerCase() : ''
    if (sid.startsWith('S-1-5-21-') && (folder === user || folder.startsWith(`${user}.`))) return { sid, profile: path! }
  }
  return { sid: null, profile: null }
}

/** The tray install (HKCU), other users' and service accounts' hives under HKU, each server once. */
export async function windowsCandidates(host: Host, env: NodeJS.ProcessEnv): Promise<WindowsCandidate[]> {
  const found: WindowsCandidate[] = []
  const hkcu = `HKCU\\${WINDOWS_KEY}`
  const own = await regValues(host, hkcu)
  if (own) {
    const values = textValues(own)
    found.push({
      key: hkcu,
      installType: 'windows-tray',
      label: 'Plex Media Server (Windows)',
      // REG_EXPAND_SZ data such as %LOCALAPPDATA% is this user's: expanded from the environment.
      dataDir: dataDirFrom(values, env.LOCALAPPDATA ?? 'C:\\Users\\Default\\AppData\\Local', env),
      control: { kind: 'windows-tray', installFolder: get(values, 'InstallFolder') ?? null },
      values
    })
  }
  const loaded = ((await regSubkeys(host, 'HKU')) ?? []).map((k) => k.split('\\').pop()!).filter((s) => !/_Classes$/i.test(s))
  const me = own ? await currentUserSid(host, loaded, env) : null
  const services = await plexServices(host)
  const seen = new Set<string>(me ? [me] : [])
  for (const name of loaded) {
    const sid = sidOf(name)
    if (seen.has(sid)) continue
    seen.add(sid)
    const key = `HKU\\${name}\\${WINDOWS_KEY}`
    const listing = await regValues(host, key)
    if (!listing) continue
    const values = textValues(listing)
    const service = services.find((s) => s.sid === sid)
    const profile = sid === SYSTEM ? 'C:\\Windows\\System32\\config\\systemprofile' : (service?.profile ?? `C:\\Users\\${sid}`)
    found.push(candidate(key, sid, values, service, win32.join(profile, 'AppData', 'Local')))
  }
  // A stopped service's account may have no hive loaded: found from the service, read once loaded.
  for (const service of services) {
    if (!service.sid || seen.has(service.sid) || !service.profile) continue
    seen.add(service.sid)
    const key = `HKU\\${service.sid}\\${WINDOWS_KEY}`
    found.push({
      ...candidate(key, service.sid, {}, service, win32.join(service.profile, 'AppData', 'Local')),
      hive: { mount: `HKU\\${service.sid}`, file: win32.join(service.profile, 'NTUSER.DAT') }
    })
  }
  return found
}

function candidate(key: string, sid: string, values: Record<string, string>, service: Service | undefined, localAppData: string): WindowsCandidate {
  const dataDir = dataDirFrom(values, localAppData)
  if (service) {
    return { key, installType: 'windows-service-account', label: `Plex Media Server (Windows service ${service.name}, account ${service.account})`, labelDetail: { kind: 'windows-service', service: service.name, account: service.account }, dataDir, control: { kind: 'windows-service', service: service.name }, values }
  }
  // Another user's own server, not a service: only that user can quit it.
  return {
    key,
    installType: 'windows-tray',
    label: `Plex Media Server (Windows user ${sid})`,
    labelDetail: { kind: 'windows-user', sid },
    dataDir,
    control: { kind: 'manual', hint: `Quit Plex Media Server in the session of the user ${sid}, then run the reset with --no-service.` },
    values
  }
}
