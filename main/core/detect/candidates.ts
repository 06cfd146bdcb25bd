import { posix } from 'node:path'
import type { Host } from '../host/types'
import { PID_FILE, PMS_DIR, PREFERENCES_FILE } from '../stores/keys'
import { exists, expand, readText, shellVar } from './paths'
import { unitEnvironment } from './systemd-env'
import type { InstallType, LabelDetail, Platform, ServerControl } from './types'

/** A place a server's settings may be, in machine paths (before the detection root is applied). */
export interface Candidate {
  readonly platform: Platform
  readonly installType: InstallType
  readonly label: string
  /** What the label says besides the install type; absent, the type alone names it. */
  readonly labelDetail?: LabelDetail
  /** The Preferences.xml, or for macOS the preferences plist read to show the account. */
  readonly settingsFile: string
  readonly dataDir: string
  readonly control: ServerControl
  readonly macUser?: string
  /** Where it is not plexmediaserver.pid in the data folder (the Snap's). */
  readonly pidFile?: string
}

const ASD_ENV = 'PLEX_MEDIA_SERVER_APPLICATION_SUPPORT_DIR'
const pms = (asd: string): string => posix.join(asd, PMS_DIR)
const prefs = (dataDir: string): string => posix.join(dataDir, PREFERENCES_FILE)

type Rule = (host: Host, root: string) => Promise<Candidate[]>

async function hasSystemdUnit(host: Host, root: string, unit: string): Promise<boolean> {
  for (const dir of ['/etc/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system']) {
    if (await exists(host, root, `${dir}/${unit}.service`)) return true
  }
  return false
}

/** Plex's .deb/.rpm: /var/lib/plexmediaserver, relocated by a drop-in or /etc/default. */
const linuxPackage: Rule = async (host, root) => {
  const installed = (await exists(host, root, '/usr/lib/plexmediaserver')) || (await exists(host, root, '/var/lib/plexmediaserver'))
  if (!installed) return []
  const systemd = await hasSystemdUnit(host, root, 'plexmediaserver')
  const sysv = !systemd && (await exists(host, root, '/etc/init.d/plexmediaserver'))
  // systemd applies what the unit, its drop-ins and its EnvironmentFile= say; the .deb's unit does
  // not read /etc/default/plexmediaserver (only the SysV script does; plex-domain.md 7).
  const fromUnit = systemd ? await unitEnvironment(host, root, 'plexmediaserver', ASD_ENV) : undefined
  const fromDefault = sysv ? shellVar((await readText(host, root, '/etc/default/plexmediaserver')) ?? '', ASD_ENV) : undefined
  const asd = fromUnit ?? fromDefault ?? '/var/lib/plexmediaserver/Library/Application Support'
  const dataDir = pms(asd)
  return [
    {
      platform: 'linux',
      installType: sysv ? 'linux-sysv' : 'linux-package',
      label: sysv ? 'Plex Media Server (Linux package, SysV init)' : 'Plex Media Server (Linux package)',
      settingsFile: prefs(dataDir),
      dataDir,
      control: sysv ? { kind: 'sysv', service: 'plexmediaserver' } : { kind: 'systemd', unit: 'plexmediaserver' }
    }
  ]
}

/** AUR plex-media-server and NixOS services.plex: /var/lib/plex is the application support folder. */
const arch: Rule = async (host, root) => {
  const fromConf = shellVar((await readText(host, root, '/etc/conf.d/plexmediaserver')) ?? '', ASD_ENV)
  const asd = (await unitEnvironment(host, root, 'plexmediaserver', ASD_ENV)) ?? fromConf ?? '/var/lib/plex'
  if (asd !== '/var/lib/plex' && !fromConf) return [] // a drop-in relocation belongs to the package rule
  const dataDir = pms(asd)
  return [{ platform: 'linux', installType: 'arch', label: 'Plex Media Server (Arch Linux / NixOS)', settingsFile: prefs(dataDir), dataDir, control: { kind: 'systemd', unit: 'plexmediaserver' } }]
}

/** NixOS services.plex: the unit is plex.service, its data folder PLEX_DATADIR (nixpkgs plex.nix, default /var/lib/plex). */
const nixos: Rule = async (host, root) => {
  if (!(await exists(host, root, '/etc/NIXOS'))) return []
  const asd = (await unitEnvironment(host, root, 'plex', 'PLEX_DATADIR')) ?? '/var/lib/plex'
  const dataDir = pms(asd)
  return [{ platform: 'linux', installType: 'nixos', label: 'Plex Media Server (NixOS)', settingsFile: prefs(dataDir), dataDir, control: { kind: 'systemd', unit: 'plex' } }]
}

const snap: Rule = async () => {
  const asd = '/var/snap/plexmediaserver/common/Library/Application Support'
  const dataDir = pms(asd)
  // The Snap writes its pid file into the application support folder itself (PlexDBRepair's SNAP branch).
  return [{ platform: 'linux', installType: 'snap', label: 'Plex Media Server (Snap)', settingsFile: prefs(dataDir), dataDir, control: { kind: 'snap', snap: 'plexmediaserver' }, pidFile: posix.join(asd, PID_FILE) }]
}

const synology: Rule = async (host, root) => {
  const found: Candidate[] = []
  if (await exists(host, root, '/var/packages/PlexMediaServer')) {
    const control: ServerControl = { kind: 'synopkg', pkg: 'PlexMediaServer' }
    for (const dataDir of [
      '/var/packages/PlexMediaServer/shares/PlexMediaServer/AppData/Plex Media Server',
      ...(await expand(host, root, '/volume*/PlexMediaServer/AppData/Plex Media Server'))
    ]) {
      found.push({ platform: 'nas', installType: 'synology-dsm7', label: 'Plex Media Server (Synology DSM 7)', settingsFile: prefs(dataDir), dataDir, control })
    }
    for (const dataDir of await expand(host, root, '/volume*/@apphome/PlexMediaServer/Plex Media Server')) {
      found.push({ platform: 'nas', installType: 'synology-dsm7-legacy', label: 'Plex Media Server (Synology DSM 7, older package)', settingsFile: prefs(dataDir), dataDir, control })
    }
  }
  if (await exists(host, root, '/var/packages/Plex Media Server')) {
    for (const dataDir of await expand(host, root, '/volume*/Plex/Library/Application Support/Plex Media Server')) {
      found.push({ platform: 'nas', installType: 'synology-dsm6', label: 'Plex Media Server (Synology DSM 6)', settingsFile: prefs(dataDir), dataDir, control: { kind: 'synopkg', pkg: 'Plex Media Server' } })
    }
  }
  return found
}

/** QNAP keeps the install path in qpkg.conf; the data sits under Library without "Application Support". */
const qnap: Rule = async (host, root) => {
  const conf = await readText(host, root, '/etc/config/qpkg.conf')
  if (conf === null) return []
  const section = /^\[PlexMediaServer\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(conf)?.[1] ?? ''
  const installPath = /^\s*Install_path\s*=\s*(.+?)\s*$/m.exec(section)?.[1]
  if (!installPath) return []
  const dataDir = pms(posix.join(installPath, 'Library'))
  return [{ platform: 'nas', installType: 'qnap', label: 'Plex Media Server (QNAP)', settingsFile: prefs(dataDir), dataDir, control: { kind: 'qnap-init', script: '/etc/init.d/plex.sh' } }]
}

const asustor: Rule = async (host, root) => {
  const nas = (await readText(host, root, '/etc/nas.conf')) ?? ''
  if (!/ASUSTOR/i.test(nas)) return []
  // App Central's package ships a start-stop script (community-sourced); without it, the user stops it.
  const script = '/usr/local/AppCentral/plexmediaserver/CONTROL/start-stop.sh'
  const control: ServerControl = (await exists(host, root, script)) ? { kind: 'qnap-init', script } : { kind: 'manual', hint: 'Stop Plex Media Server in ASUSTOR App Central, then continue.' }
  return ['/volume1/Plex/Library/Plex Media Server', '/volume1/Plex/Library/Application Support/Plex Media Server'].map((dataDir) => ({
    platform: 'nas' as const,
    installType: 'asustor' as const,
    label: 'Plex Media Server (ASUSTOR)',
    settingsFile: prefs(dataDir),
    dataDir,
    control
  }))
}

const readynas: Rule = async (host, root) => {
  const control: ServerControl = { kind: 'systemd', unit: 'fvapp-plexmediaserver' }
  const dirs = [...(await expand(host, root, '/apps/plexmediaserver*/MediaLibrary/Plex Media Server')), '/c/.plex/Library/Application Support/Plex Media Server']
  return dirs.map((dataDir) => ({ platform: 'nas' as const, installType: 'readynas' as const, label: 'Plex Media Server (Netgear ReadyNAS)', settingsFile: prefs(dataDir), dataDir, control }))
}

const westernDigital: Rule = async (host, root) => {
  const control: ServerControl = { kind: 'manual', hint: 'Stop Plex Media Server in the My Cloud dashboard (Apps), then continue.' }
  return (await expand(host, root, '/mnt/HD/HD*/Nas_Prog/plex_conf/Plex Media Server')).map((dataDir) => ({
    platform: 'nas' as const,
    installType: 'western-digital' as const,
    label: 'Plex Media Server (Western Digital My Cloud)',
    settingsFile: prefs(dataDir),
    dataDir,
    control
  }))
}

/** FreeBSD port: rc.conf may move plexmediaserver_support_path (default /usr/local/plexdata). */
const freebsd: Rule = async (host, root) => {
  const rc = (await readText(host, root, '/etc/rc.conf')) ?? ''
  const found: Candidate[] = []
  for (const service of ['plexmediaserver', 'plexmediaserver_plexpass']) {
    const fallback = service === 'plexmediaserver' ? '/usr/local/plexdata' : '/usr/local/plexdata-plexpass'
    const dataDir = pms(shellVar(rc, `${service}_support_path`) ?? fallback)
    found.push({ platform: 'freebsd', installType: 'freebsd', label: 'Plex Media Server (FreeBSD)', settingsFile: prefs(dataDir), dataDir, control: { kind: 'freebsd-rc', service } })
  }
  for (const dataDir of ['/usr/pbi/plexmediaserver-amd64/plexdata/Plex Media Server', '/var/db/plexdata/Plex Media Server']) {
    found.push({ platform: 'freebsd', installType: 'freebsd', label: 'Plex Media Server (FreeNAS plugin)', labelDetail: { kind: 'freenas-plugin' }, settingsFile: prefs(dataDir), dataDir, control: { kind: 'freebsd-rc', service: 'plexmediaserver' } })
  }
  return found
}

/** TrueNAS CORE / FreeNAS iocage jails, seen from the host. */
const truenasJails: Rule = async (host, root) => {
  const found: Candidate[] = []
  for (const jailRoot of [...(await expand(host, root, '/mnt/*/iocage/jails/*/root')), ...(await expand(host, root, '/iocage/jails/*/root'))]) {
    const jail = posix.basename(posix.dirname(jailRoot))
    for (const [inside, service] of [
      ['/usr/local/plexdata/Plex Media Server', 'plexmediaserver'],
      ['/usr/local/plexdata-plexpass/Plex Media Server', 'plexmediaserver_plexpass'],
      ['/Plex Media Server', 'plexmediaserver_plexpass']
    ] as const) {
      const dataDir = posix.join(jailRoot, inside)
      found.push({ platform: 'freebsd', installType: 'truenas-jail', label: `Plex Media Server (TrueNAS jail ${jail})`, labelDetail: { kind: 'truenas-jail', jail }, settingsFile: prefs(dataDir), dataDir, control: { kind: 'iocage', jail, service } })
    }
  }
  return found
}

const homeAssistant: Rule = async (host, root) =>
  (await expand(host, root, '/usr/share/hassio/addons/data/*_plex/Plex Media Server')).map((dataDir) => ({
    platform: 'container' as const,
    installType: 'home-assistant' as const,
    label: 'Plex Media Server (Home Assistant add-on)',
    settingsFile: prefs(dataDir),
    dataDir,
    control: { kind: 'manual' as const, hint: 'Stop the Plex add-on in Home Assistant (Settings, Add-ons), then continue.' }
  }))

/** The app is per user on macOS; its settings live in each user's preferences domain. */
const macos: Rule = async (host, root) => {
  if (!(await exists(host, root, '/Applications/Plex Media Server.app'))) return []
  return (await expand(host, root, '/Users/*')).map((home) => {
    const user = posix.basename(home)
    return {
      platform: 'macos' as const,
      installType: 'macos-app' as const,
      label: `Plex Media Server (macOS, user ${user})`,
      labelDetail: { kind: 'macos-user' as const, user },
      settingsFile: `${home}/Library/Preferences/com.plexapp.plexmediaserver.plist`,
      dataDir: `${home}/Library/Application Support/Plex Media Server`,
      control: { kind: 'macos-app' as const, user },
      macUser: user
    }
  })
}

// NixOS comes before Arch: both may use /var/lib/plex, and the first rule to find a file names it.
export const FILESYSTEM_RULES: readonly Rule[] = [synology, qnap, snap, linuxPackage, readynas, asustor, macos, westernDigital, nixos, arch, freebsd, truenasJails, homeAssistant]
