import { posix } from 'node:path'
import type { Host } from '../host/types'
import { PMS_DIR, PREFERENCES_FILE } from '../stores/keys'
import type { Candidate } from './candidates'
import type { FolderLayout, InstallType } from './types'

/** Where each image keeps Preferences.xml below its /config volume (plex-domain.md 1c). */
const LAYOUTS: ReadonlyArray<{ readonly type: InstallType; readonly image: RegExp; readonly dataDir: string; readonly name: string }> = [
  { type: 'docker-hotio', image: /hotio\/plex/i, dataDir: '', name: 'hotio/plex' },
  { type: 'docker-binhex', image: /binhex\/arch-plex/i, dataDir: PMS_DIR, name: 'binhex/arch-plex' },
  { type: 'docker-linuxserver', image: /linuxserver\/plex/i, dataDir: `Library/Application Support/${PMS_DIR}`, name: 'linuxserver/plex' },
  { type: 'docker-plexinc', image: /plexinc\/pms-docker|plexinc\//i, dataDir: `Library/Application Support/${PMS_DIR}`, name: 'plexinc/pms-docker' }
]

interface InspectedContainer {
  readonly Name?: string
  readonly Config?: { readonly Image?: string }
  readonly Mounts?: ReadonlyArray<{ readonly Source?: string; readonly Destination?: string }>
}

/**
 * Where a path inside the container is on the host: below the mount that holds it most closely.
 * /config itself is the usual mount, but some mount a folder below it (for example only
 * /config/Library), and the data folder is then below that mount.
 */
function hostPathOf(mounts: ReadonlyArray<{ readonly Source?: string; readonly Destination?: string }>, inside: string): string | null {
  const holding = mounts
    .filter((m) => m.Source && m.Destination && (inside === m.Destination || inside.startsWith(`${m.Destination.replace(/\/$/, '')}/`)))
    .sort((a, b) => b.Destination!.length - a.Destination!.length)[0]
  if (!holding) return null
  const rest = posix.relative(holding.Destination!, inside)
  return rest ? posix.join(holding.Source!, rest) : holding.Source!
}

/**
 * Why Docker's containers could not be listed, in words for the user; null when they could (or when
 * there is no docker at all). A socket this user may not open is not "no server found".
 */
export async function dockerUnreachable(host: Host): Promise<string | null> {
  const r = await host.exec('docker', ['ps', '-q'], { timeoutMs: 10_000 })
  if (r.exitCode === 0 || r.notFound) return null
  if (/permission denied/i.test(r.stderr)) {
    return 'Docker is installed, but this user may not use its socket (permission denied), so containers could not be searched. Run the command with sudo, or as a member of the docker group.'
  }
  if (/Cannot connect to the Docker daemon|Is the docker daemon running/i.test(r.stderr)) return null
  return `Docker's containers could not be listed: ${r.stderr.trim().split('\n')[0] ?? `exit code ${r.exitCode}`}`
}

/** Running and stopped containers, through `docker ps -aq` and `docker inspect` (JSON). */
export async function dockerCandidates(host: Host): Promise<Candidate[]> {
  const ps = await host.exec('docker', ['ps', '-aq', '--no-trunc'], { timeoutMs: 10_000 })
  if (ps.exitCode !== 0) return [] // no docker, no daemon, or no permission: nothing to report
  const ids = ps.stdout.split(/\s+/).filter(Boolean)
  if (ids.length === 0) return []
  const inspect = await host.exec('docker', ['inspect', ...ids], { timeoutMs: 10_000 })
  if (inspect.exitCode !== 0) return []
  let containers: InspectedContainer[]
  try {
    containers = JSON.parse(inspect.stdout) as InspectedContainer[]
  } catch {
    return []
  }
  const found: Candidate[] = []
  for (const c of containers) {
    const layout = LAYOUTS.find((l) => l.image.test(c.Config?.Image ?? ''))
    if (!layout) continue
    const dataDir = hostPathOf(c.Mounts ?? [], layout.dataDir ? posix.join('/config', layout.dataDir) : '/config')
    if (!dataDir) continue
    const container = (c.Name ?? '').replace(/^\//, '')
    found.push({
      platform: 'container',
      installType: layout.type,
      label: `Plex Media Server (Docker ${layout.name}, container ${container})`,
      labelDetail: { kind: 'docker', image: layout.name, container },
      settingsFile: posix.join(dataDir, PREFERENCES_FILE),
      dataDir,
      control: { kind: 'docker', container }
    })
  }
  return found
}

/** A folder the user picks: a Docker volume, a NAS share, or a data folder copied elsewhere. */
export function folderCandidates(folder: string): Candidate[] {
  const layouts: ReadonlyArray<{ readonly rel: string; readonly label: string; readonly layout: FolderLayout }> = [
    { rel: '', label: 'a Plex data folder', layout: 'data-folder' },
    { rel: PMS_DIR, label: 'a binhex-style /config or application support folder', layout: 'binhex' },
    { rel: `Library/Application Support/${PMS_DIR}`, label: 'a plexinc or linuxserver /config volume', layout: 'config-volume' },
    { rel: `Library/${PMS_DIR}`, label: 'a QNAP or ASUSTOR Library folder', layout: 'library-folder' }
  ]
  return layouts.map(({ rel, label, layout }) => {
    const dataDir = rel ? posix.join(folder, rel) : folder
    return {
      platform: 'container' as const,
      installType: 'docker-folder' as const,
      label: `Plex Media Server settings in ${label}`,
      labelDetail: { kind: 'folder' as const, layout },
      settingsFile: posix.join(dataDir, PREFERENCES_FILE),
      dataDir,
      control: { kind: 'manual' as const, hint: 'Stop the server that uses this folder (for Docker: docker stop CONTAINER), then continue.' }
    }
  })
}

/** A preflight finding about a container's environment: refused (ok false) or a warning. */
export interface ContainerEnvFinding {
  readonly ok: boolean
  readonly warning: boolean
  readonly message: string
}

/**
 * Reads the container's environment before a reset (values are never shown; plex-domain.md 7):
 * hotio with PLEX_CLAIM_TOKEN stops the container at start when that token has expired and the
 * server is unclaimed; binhex with PLEX_CLAIM and CLAIM_SERVER=yes blanks the sign-in on every
 * start, undoing a later claim or restore. Both are refused with the reason. pms-docker and
 * linuxserver use PLEX_CLAIM only on a first run: a warning.
 */
export async function containerEnvFinding(host: Host, container: string): Promise<ContainerEnvFinding | null> {
  const r = await host.exec('docker', ['inspect', '--format', '{{json .Config}}', container], { timeoutMs: 10_000 })
  if (r.exitCode !== 0) return null
  let config: { Image?: string; Env?: string[] }
  try {
    config = JSON.parse(r.stdout) as { Image?: string; Env?: string[] }
  } catch {
    return null
  }
  const env = new Map((config.Env ?? []).map((e) => [e.slice(0, Math.max(0, e.indexOf('='))), e.slice(e.indexOf('=') + 1)]))
  const set = (name: string): boolean => (env.get(name) ?? '') !== ''
  const type = LAYOUTS.find((l) => l.image.test(config.Image ?? ''))?.type
  if (type === 'docker-hotio' && set('PLEX_CLAIM_TOKEN')) {
    return { ok: false, warning: false, message: `Container ${container} (hotio) has PLEX_CLAIM_TOKEN set: once the server is unclaimed, hotio's start-up exchanges that token, and when it has expired (claim tokens last about 4 minutes) the container stops. Remove PLEX_CLAIM_TOKEN from the container's settings, recreate it, then reset again.` }
  }
  if (type === 'docker-binhex' && set('PLEX_CLAIM') && /^(yes|true)$/i.test(env.get('CLAIM_SERVER') ?? '')) {
    return { ok: false, warning: false, message: `Container ${container} (binhex) has CLAIM_SERVER=yes with PLEX_CLAIM: it clears the sign-in again on every start, so a later claim or restore would be undone. Set CLAIM_SERVER=no (or remove PLEX_CLAIM), recreate the container, then reset again.` }
  }
  if ((type === 'docker-plexinc' || type === 'docker-linuxserver') && set('PLEX_CLAIM')) {
    return { ok: false, warning: true, message: `Container ${container} has PLEX_CLAIM set; the image uses it only on a container's first run, so it will not claim the server now. Claim with a new token after the reset.` }
  }
  return null
}
