import { posix } from 'node:path'
import { z } from 'zod'
import type { Host } from '../host/types'
import { PMS_DIR, PREFERENCES_FILE } from '../stores/keys'
import type { Candidate } from './candidates'
import { hostPathOf, LAYOUTS, Mount, parsed } from './container-layouts'
import { k3sFound } from './k3s'
import { deniedAccess } from './paths'
import type { FolderLayout } from './types'

/**
 * The parts of `docker inspect` read here (Engine API, ContainerInspect), checked with zod: an
 * answer of another shape is not taken for one (issue 26). Config.Env is "NAME=value" strings;
 * Config.Labels carries Swarm's com.docker.swarm.* marks; Config.StopTimeout is in seconds.
 */
const ContainerConfig = z.object({
  Image: z.string().optional(),
  Env: z.array(z.string()).nullable().optional(),
  Labels: z.record(z.string(), z.string()).nullable().optional(),
  StopTimeout: z.number().int().nonnegative().nullable().optional()
})
const InspectedContainer = z.object({ Name: z.string().optional(), Config: ContainerConfig.optional(), Mounts: z.array(Mount).nullable().optional() })
type InspectedContainer = z.infer<typeof InspectedContainer>

/**
 * Why Docker's containers could not be listed, in words for the user; null when they could (or when
 * there is no docker at all). A socket this user may not open is not "no server found". Kubernetes
 * (k3s, as TrueNAS SCALE 24.04 and older run their apps) keeps its containers in containerd, which
 * `docker` does not see: its marks get a clear "not supported" instead of silence.
 */
export async function dockerUnreachable(host: Host): Promise<string | null> {
  const r = await host.exec('docker', ['ps', '-q'], { timeoutMs: 10_000 })
  const k3s = await k3sFound(host)
  if (k3s) return k3s
  if (r.exitCode === 0) return (await volumesOutOfReach(host)).join(' ') || null
  if (r.notFound) return null
  if (/permission denied/i.test(r.stderr)) {
    return 'Docker is installed, but this user may not use its socket (permission denied), so containers could not be searched. Run the command with sudo, or as a member of the docker group.'
  }
  if (/Cannot connect to the Docker daemon|Is the docker daemon running/i.test(r.stderr)) return null
  return `Docker's containers could not be listed: ${r.stderr.trim().split('\n')[0] ?? `exit code ${r.exitCode}`}`
}

/** The Plex containers `docker inspect` describes: image layout, data folder on the host, and the volume holding it. */
async function plexContainers(host: Host): Promise<Array<{ container: string; layout: (typeof LAYOUTS)[number]; dataDir: string; volume: string | null }>> {
  const ps = await host.exec('docker', ['ps', '-aq', '--no-trunc'], { timeoutMs: 10_000 })
  if (ps.exitCode !== 0) return [] // no docker, no daemon, or no permission: nothing to report
  const ids = ps.stdout.split(/\s+/).filter(Boolean)
  if (ids.length === 0) return []
  const inspect = await host.exec('docker', ['inspect', ...ids], { timeoutMs: 10_000 })
  if (inspect.exitCode !== 0) return []
  // Each container checked on its own: one of an unexpected shape does not hide the others.
  const containers = (parsed(z.array(z.unknown()), inspect.stdout) ?? []).flatMap((c) => {
    const one = InspectedContainer.safeParse(c)
    return one.success ? [one.data] : []
  })
  return containers.flatMap((c) => {
    const layout = LAYOUTS.find((l) => l.image.test(c.Config?.Image ?? ''))
    if (!layout) return []
    const held = hostPathOf(c.Mounts ?? [], layout.dataDir ? posix.join('/config', layout.dataDir) : '/config')
    if (!held) return []
    return [{ container: (c.Name ?? '').replace(/^\//, ''), layout, dataDir: held.path, volume: held.mount.Type === 'volume' ? (held.mount.Name ?? null) : null }]
  })
}

/** Running and stopped containers, through `docker ps -aq` and `docker inspect` (JSON). */
export async function dockerCandidates(host: Host): Promise<Candidate[]> {
  return (await plexContainers(host)).map(({ container, layout, dataDir }) => ({
    platform: 'container' as const,
    installType: layout.type,
    label: `Plex Media Server (Docker ${layout.name}, container ${container})`,
    labelDetail: { kind: 'docker' as const, image: layout.name, container },
    settingsFile: posix.join(dataDir, PREFERENCES_FILE),
    dataDir,
    control: { kind: 'docker' as const, container }
  }))
}

/**
 * Containers whose settings are in a named volume this computer cannot open: Docker Desktop keeps
 * volumes inside its Linux virtual machine, so the volume's Mountpoint is not a path here. Listed
 * with what to do, instead of being left out in silence.
 */
export async function volumesOutOfReach(host: Host): Promise<string[]> {
  const out: string[] = []
  for (const c of await plexContainers(host)) {
    // EACCES: it is there (Linux's /var/lib/docker is root's), just not for this user.
    if (!c.volume || (await host.lstat(c.dataDir).catch((e: unknown) => (deniedAccess(e) ? true : null)))) continue
    const inside = posix.join('/config', c.layout.dataDir, PREFERENCES_FILE)
    out.push(`Container ${c.container} (${c.layout.name}) keeps its settings in the Docker volume ${c.volume}, which this computer cannot open (Docker Desktop keeps volumes inside its virtual machine). Stop the container, copy the file out (docker cp "${c.container}:${inside}" Preferences.xml), reset that copy with --file Preferences.xml --no-service, copy it back the same way, and start the container.`)
  }
  return out
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
  const config = parsed(ContainerConfig, r.stdout)
  if (!config) return null
  const env = new Map((config.Env ?? []).map((e) => [e.slice(0, Math.max(0, e.indexOf('='))), e.slice(e.indexOf('=') + 1)]))
  const set = (name: string): boolean => (env.get(name) ?? '') !== ''
  const type = LAYOUTS.find((l) => l.image.test(config.Image ?? ''))?.type
  const service = config.Labels?.['com.docker.swarm.service.name']
  if (service) return swarmFinding(host, container, service)
  if (type === 'docker-hotio' && set('PLEX_CLAIM_TOKEN')) {
    return { ok: false, warning: false, message: `Container ${container} (hotio) has PLEX_CLAIM_TOKEN set: once the server is unclaimed, hotio's start-up exchanges that token, and when it has expired (claim tokens last about 4 minutes) the container stops. Remove PLEX_CLAIM_TOKEN from the container's settings, recreate it, then reset again.` }
  }
  if (type === 'docker-binhex' && set('PLEX_CLAIM') && /^(yes|true)$/i.test(env.get('CLAIM_SERVER') ?? '')) {
    return { ok: false, warning: false, message: `Container ${container} (binhex) has CLAIM_SERVER=yes with PLEX_CLAIM: it clears the sign-in again on every start, so a later claim or restore would be undone. Set CLAIM_SERVER=no (or remove PLEX_CLAIM), recreate the container, then reset again.` }
  }
  // Only a value shaped like a claim token counts: Plex's unRAID template ships a placeholder
  // sentence there, and pms-docker's README "<claimToken>".
  if (!looksLikeClaimToken(env.get('PLEX_CLAIM') ?? '')) return null
  if (type === 'docker-linuxserver') {
    // linuxserver's init-plex-claim runs on every start and exchanges PLEX_CLAIM whenever
    // Preferences.xml holds no PlexOnlineToken; an expired token only prints "Unable to claim".
    return { ok: false, warning: true, message: `Container ${container} (linuxserver) has PLEX_CLAIM set: the image exchanges PLEX_CLAIM on every start while the server has no token, so after the reset it tries this one again. An old token is harmless (the exchange fails and the server starts unclaimed). To have the container claim itself, recreate the container with a new claim token from https://www.plex.tv/claim (they last about 4 minutes); or claim with a new token after the reset.` }
  }
  if (type === 'docker-plexinc') {
    return { ok: false, warning: true, message: `Container ${container} has PLEX_CLAIM set; the image uses it only on a container's first run, so it will not claim the server now. Claim with a new token after the reset.` }
  }
  return null
}

const looksLikeClaimToken = (value: string): boolean => /^claim-[A-Za-z0-9_-]{8,64}$/.test(value.trim())

/**
 * A service's mode (Engine API ServiceSpec.Mode): one key, Replicated with its replica count,
 * Global, or a job mode. Only a manager node answers `docker service inspect`.
 */
const ServiceMode = z.object({ Replicated: z.object({ Replicas: z.number().int().nonnegative().optional() }).optional(), Global: z.object({}).passthrough().optional() }).passthrough()

/**
 * A placement constraint no node meets: a global service then runs no task (Docker's swarm
 * services documentation). Added with --detach: without it the CLI waits for a convergence that
 * never comes (measured: still waiting after 20 s; the tasks were gone at once).
 */
const PAUSED = 'node.labels.plex-reclaim==paused'

/**
 * A Swarm task's container: when it stops, Swarm starts a new task (Docker's swarm services
 * documentation: the orchestrator keeps the service's replica count), so the edit could never be
 * made with the server stopped. Refused, with what to do instead, from the service's own mode:
 * `docker service scale` refuses a global service, which is stopped by a constraint instead
 * (test/real/swarm.real.test.ts runs both as printed).
 */
async function swarmFinding(host: Host, container: string, service: string): Promise<ContainerEnvFinding> {
  const r = await host.exec('docker', ['service', 'inspect', '--format', '{{json .Spec.Mode}}', service], { timeoutMs: 10_000 })
  const mode = r.exitCode === 0 ? parsed(ServiceMode, r.stdout) : null
  const why = `Container ${container} belongs to the Docker Swarm service ${service}: Swarm starts a new container whenever this one stops, so Plex Reclaim cannot stop it for the change.`
  const reset = 'run the reset on its Preferences.xml with --file PATH --no-service'
  const steps = mode?.Replicated
    ? `Scale the service down (docker service scale ${service}=0), ${reset}, then scale it up again (docker service scale ${service}=${mode.Replicated.Replicas ?? 1}).`
    : mode?.Global
      ? `It runs on every node (a global service, which docker service scale refuses): stop its tasks with a placement constraint no node meets (docker service update --detach --constraint-add ${PAUSED} ${service}), once they have stopped ${reset}, then remove that constraint (docker service update --constraint-rm ${PAUSED} ${service}).`
      : `On a manager node of the swarm, stop the service's tasks (docker service scale ${service}=0 for a replicated service), ${reset}, then start them again.`
  return { ok: false, warning: false, message: `${why} ${steps}` }
}

/**
 * The container's own stop timeout in seconds (Config.StopTimeout, set by `docker run
 * --stop-timeout`; `docker stop` without -t waits that long before SIGKILL), or null when unset
 * (then Docker's 10 s) or not known.
 */
export async function containerStopTimeout(host: Host, container: string): Promise<number | null> {
  const r = await host.exec('docker', ['inspect', '--format', '{{json .Config}}', container], { timeoutMs: 10_000 })
  return r.exitCode === 0 ? (parsed(ContainerConfig, r.stdout)?.StopTimeout ?? null) : null
}
