import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { CACHE_DIR } from './cache'
import { mountUnavailable, skipping } from './capabilities'
import type { NetNs } from './netns'
import { alive, background, must, run, until, waitExit, type Ran } from './processes'
import { debianRootfs, ROOTFS_KEY } from './rootfs'

/** The images detection knows (plex-domain.md 1c), each a tag of one locally built image. */
export const IMAGES = {
  plexinc: 'plexinc/pms-docker:latest',
  linuxserver: 'lscr.io/linuxserver/plex:latest',
  hotio: 'ghcr.io/hotio/plex:release',
  binhex: 'binhex/arch-plex:latest'
} as const
const BASE = `plex-reclaim-test/debian:${ROOTFS_KEY}`
export const LABEL = 'plex-reclaim-test'

export interface Dockerd {
  /** The environment a docker client needs to reach this daemon (DOCKER_HOST). */
  readonly env: NodeJS.ProcessEnv
  docker(...args: string[]): Promise<Ran>
  dispose(): Promise<void>
}

/** Why the real Docker tests cannot run here (said in the test's output), or null when they can. */
export function dockerUnavailable(): string | null {
  return skipping('the tests under a real dockerd', whyNoDockerd())
}

function whyNoDockerd(): string | null {
  if (process.getuid?.() !== 0) return 'needs root (dockerd)'
  const mounts = mountUnavailable()
  if (mounts) return mounts
  if (!existsSync('/usr/sbin/dockerd')) return 'dockerd is missing (apt-get install docker.io)'
  if (!existsSync('/usr/bin/mmdebstrap')) return 'mmdebstrap is missing (apt-get install mmdebstrap)'
  return null
}

/**
 * A dockerd of the tests' own: its data root in the suite's cache (so the image survives between
 * runs), its exec root and socket in a temp folder, and no change to the host's network: no
 * bridge, no iptables, no IP forwarding or masquerading (real-parts.md). Containers run with
 * --network host or none. Stopped by its pid: containers removed, SIGTERM, netns unmounted.
 *
 * With `netns`, it runs in that network namespace (nsenter --net: only the network is its own, so
 * the host's cgroup mounts stay visible) with a data root of its own, whose Swarm state is
 * dropped first: a daemon that finds one rejoins its swarm at start-up and creates the
 * docker_gwbridge bridge, which must never happen on the host's network.
 */
export async function startDockerd(options: { netns?: NetNs } = {}): Promise<Dockerd> {
  const { netns } = options
  const dataRoot = join(CACHE_DIR, netns ? 'dockerd-netns' : 'dockerd')
  mkdirSync(dataRoot, { recursive: true })
  if (netns) rmSync(join(dataRoot, 'swarm'), { recursive: true, force: true })
  const temp = mkdtempSync('/tmp/prd-') // short: socket paths are limited to 108 bytes
  const socket = join(temp, 'docker.sock')
  const execRoot = join(temp, 'exec')
  const env = { ...process.env, DOCKER_HOST: `unix://${socket}` }
  const inNetns = netns ? [`--net=${netns.path}`, '--', '/usr/sbin/dockerd'] : []
  const daemon = background(
    netns ? '/usr/bin/nsenter' : '/usr/sbin/dockerd',
    [...inNetns, '--bridge=none', '--iptables=false', '--ip6tables=false', '--ip-forward=false', '--ip-masq=false', `--data-root=${dataRoot}`, `--exec-root=${execRoot}`, `--pidfile=${join(temp, 'dockerd.pid')}`, '-H', `unix://${socket}`],
    join(temp, 'dockerd.log')
  )
  const docker = (...args: string[]): Promise<Ran> => run('docker', args, { env, timeoutMs: 120_000 })
  const dispose = async (): Promise<void> => {
    if (daemon.pid && alive(daemon.pid)) {
      // Left first: Swarm would replace a task's container the next line removes.
      if (netns) await docker('swarm', 'leave', '--force')
      const ids = (await docker('ps', '-aq', '--filter', `label=${LABEL}`)).stdout.split(/\s+/).filter(Boolean)
      if (ids.length) await docker('rm', '-f', ...ids)
      daemon.kill('SIGTERM')
    }
    await waitExit(daemon, 20_000)
    // The namespaces dockerd bind-mounted below its exec root (default; Swarm's sandboxes too), deepest first.
    for (const point of mountsUnder(execRoot)) await run('umount', [point])
    rmSync(temp, { recursive: true, force: true })
  }
  try {
    await until('dockerd to answer', async () => ((await docker('version', '--format', '{{.Server.Version}}')).code === 0 ? true : undefined), 60_000, 200)
    // Containers a crashed earlier run left in the cached data root.
    const stale = (await docker('ps', '-aq', '--filter', `label=${LABEL}`)).stdout.split(/\s+/).filter(Boolean)
    if (stale.length) await docker('rm', '-f', ...stale)
    await ensureImage(docker, env)
  } catch (error) {
    await dispose()
    throw error
  }
  return { env, docker, dispose }
}

function mountsUnder(folder: string): string[] {
  const points = readFileSync('/proc/mounts', 'utf8').split('\n').map((line) => line.split(' ')[1] ?? '')
  return points.filter((p) => p.startsWith(`${folder}/`)).sort((a, b) => b.length - a.length)
}

/** The base image from the cached root filesystem (no registry can be reached), tagged four ways. */
async function ensureImage(docker: Dockerd['docker'], env: NodeJS.ProcessEnv): Promise<void> {
  if ((await docker('image', 'inspect', BASE)).code !== 0) {
    const rootfs = await debianRootfs()
    await new Promise<void>((resolve, reject) => {
      const tar = spawn('tar', ['-C', rootfs, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] })
      const imp = spawn('docker', ['import', '-', BASE], { env, stdio: [tar.stdout, 'ignore', 'pipe'] })
      let err = ''
      imp.stderr.on('data', (c: Buffer) => (err += c.toString()))
      imp.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`docker import failed (${code}): ${err}`))))
    })
  }
  for (const tag of Object.values(IMAGES)) await must('docker', ['tag', BASE, tag], { env })
}
