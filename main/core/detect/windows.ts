import { win32 } from 'node:path'
import type { Host } from '../host/types'
import { WINDOWS_KEY } from '../stores/keys'
import { canonicalKey, valueText, type RegKey } from '../stores/reg-file'
import type { RegistryHive } from '../stores/types'
import { reg, regExport, regKeyExists, regSubkeys, regValues } from './registry'
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
  /** Its Plex key is there but could not be read (said, not skipped). */
  readonly readError?: string
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
  /** PmsService: the service runs a monitor that starts Plex Media Server and restarts it when it exits. */
  readonly wrapper: boolean
}

/** Service key names from `reg query SERVICES /s /f TEXT /d`: the key paths it prints. */
async function servicesNaming(host: Host, text: string): Promise<string[]> {
  const r = await reg(host, ['query', SERVICES, '/s', '/f', text, '/d'])
  if (r.exitCode !== 0) return []
  const prefix = `${canonicalKey(SERVICES)}\\`
  const names = new Set<string>()
  for (const line of r.stdout.split(/\r?\n/).map((l) => l.trim())) {
    if (/^HKEY_/i.test(line) && canonicalKey(line).startsWith(prefix)) names.add(line.slice(prefix.length).split('\\')[0]!)
  }
  return [...names]
}

/** %NAME% from the environment, case-insensitively (REG_EXPAND_SZ data such as %systemroot%). */
const expand = (text: string, env: NodeJS.ProcessEnv): string => text.replace(/%([^%]+)%/g, (all, name: string) => get(env as Record<string, string>, name) ?? all)

/**
 * Services that run Plex Media Server.exe: their ImagePath, or a wrapper's parameters (NSSM and
 * srvany keep it in Parameters\Application), name it. PmsService's PlexService names only
 * PlexService.exe (cjmurph/PmsService): found by that, as a wrapper. `reg query KEY /s /f TEXT /d`
 * searches data (learn.microsoft.com, windows-commands/reg-query); only the key paths it prints
 * are read. A well-known account's profile folder is ProfileList's ProfileImagePath for its SID.
 */
async function plexServices(host: Host, env: NodeJS.ProcessEnv): Promise<Service[]> {
  const direct = await servicesNaming(host, 'Plex Media Server.exe')
  const wrappers = (await servicesNaming(host, 'PlexService.exe')).filter((n) => !direct.includes(n))
  const out: Service[] = []
  for (const name of [...direct, ...wrappers]) {
    const values = textValues(await regValues(host, `${SERVICES}\\${name}`))
    const account = get(values, 'ObjectName') ?? 'LocalSystem'
    const known = WELL_KNOWN[account.toLowerCase()]
    const who = known ? { sid: known, profile: known === SYSTEM ? null : await profilePath(host, known, env) } : await profileOf(host, account)
    out.push({ name, account, ...who, wrapper: wrappers.includes(name) })
  }
  return out
}

/** ProfileList's ProfileImagePath for a SID (LocalService S-1-5-19, NetworkService S-1-5-20 have one too). */
async function profilePath(host: Host, sid: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  const path = get(textValues(await regValues(host, `${PROFILE_LIST}\\${sid}`)), 'ProfileImagePath')
  return path ? expand(path, env) : null
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
      control: { kind: 'windows-tray', installFolder: await installFolder(host, values, env) },
      values
    })
  }
  const loaded = ((await regSubkeys(host, 'HKU')) ?? []).map((k) => k.split('\\').pop()!).filter((s) => !/_Classes$/i.test(s))
  const me = own ? await currentUserSid(host, loaded, env) : null
  const services = await plexServices(host, env)
  const seen = new Set<string>(me ? [me] : [])
  for (const name of loaded) {
    const sid = sidOf(name)
    if (seen.has(sid)) continue
    seen.add(sid)
    const key = `HKU\\${name}\\${WINDOWS_KEY}`
    const listing = await regValues(host, key)
    const service = services.find((s) => s.sid === sid)
    const profile = sid === SYSTEM ? 'C:\\Windows\\System32\\config\\systemprofile' : (service?.profile ?? (await profilePath(host, sid, env)) ?? `C:\\Users\\${sid}`)
    if (!listing) {
      // No Plex key is the usual answer; a key that is there but cannot be read is said.
      if ((await regKeyExists(host, key)) !== false) {
        found.push({ ...candidate(key, sid, {}, service, win32.join(profile, 'AppData', 'Local')), readError: `${key} is there but could not be read (reg export failed): run Plex Reclaim as an administrator to read it.` })
      }
      continue
    }
    const values = textValues(listing)
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
    return { key, installType: 'windows-service-account', label: `Plex Media Server (Windows service ${service.name}, account ${service.account})`, labelDetail: { kind: 'windows-service', service: service.name, account: service.account }, dataDir, control: { kind: 'windows-service', service: service.name, ...(service.wrapper ? { wrapper: true as const } : {}) }, values }
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

/**
 * The folder of Plex Media Server.exe for the tray start, looked for as PlexDBRepair's
 * DBRepair-Windows.bat does: InstallFolder in HKCU, then HKLM (a 32-bit installer's under
 * WOW6432Node, the registry redirector's view), then %PROGRAMFILES% and %PROGRAMFILES(X86)%
 * where the program is there. null: no start command, which the preflight refuses.
 */
async function installFolder(host: Host, own: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv): Promise<string | null> {
  const named = get(own, 'InstallFolder')
  if (named) return named
  for (const key of [`HKLM\\SOFTWARE\\${MACHINE_KEY}`, `HKLM\\SOFTWARE\\WOW6432Node\\${MACHINE_KEY}`]) {
    const folder = get(textValues(await regValues(host, key)), 'InstallFolder')
    if (folder) return folder
  }
  for (const base of [get(env as Record<string, string>, 'ProgramFiles'), get(env as Record<string, string>, 'ProgramFiles(x86)')]) {
    if (!base) continue
    const folder = win32.join(base, 'Plex', 'Plex Media Server')
    if (await host.lstat(win32.join(folder, 'Plex Media Server.exe')).catch(() => null)) return folder // absent: not this folder
  }
  return null
}
const MACHINE_KEY = 'Plex, Inc.\\Plex Media Server'
