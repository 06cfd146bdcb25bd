import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { cachedDir } from './cache'
import { mountUnavailable, skipping } from './capabilities'
import { alive, background, must, run, until, waitExit, type Ran } from './processes'
import { debianRootfs, ROOTFS_KEY } from './rootfs'

/**
 * Debian's containerd (the package docker.io brings; `apt-get install containerd`) with its own
 * root, state and socket, and no CRI plugin (nothing of Kubernetes' networking is set up):
 * containers run with --net-host, so the host's network is not changed. Kubernetes' containers
 * live in containerd's namespace k8s.io; a container made here with the kubelet's labels is what
 * k3s's containerd holds for a pod, as far as containerd's client can see.
 */
export interface Containerd {
  readonly socket: string
  ctr(...args: string[]): Promise<Ran>
  dispose(): Promise<void>
}

export function containerdUnavailable(): string | null {
  return skipping('the tests under a real containerd', whyNot())
}

function whyNot(): string | null {
  const mounts = mountUnavailable()
  if (mounts) return mounts
  for (const tool of ['/usr/bin/containerd', '/usr/bin/ctr', '/usr/bin/mmdebstrap']) if (!existsSync(tool)) return `${tool} is missing (apt-get install containerd mmdebstrap)`
  return null
}

export async function startContainerd(): Promise<Containerd> {
  const temp = mkdtempSync('/tmp/prc-')
  const socket = join(temp, 'containerd.sock')
  writeFileSync(join(temp, 'config.toml'), `version = 2\nroot = "${temp}/root"\nstate = "${temp}/state"\ndisabled_plugins = ["io.containerd.grpc.v1.cri"]\n[grpc]\n  address = "${socket}"\n`)
  const daemon = background('/usr/bin/containerd', ['--config', join(temp, 'config.toml')], join(temp, 'containerd.log'))
  const ctr = (...args: string[]): Promise<Ran> => run('ctr', ['--address', socket, '--namespace', 'k8s.io', ...args], { timeoutMs: 120_000 })
  const dispose = async (): Promise<void> => {
    if (daemon.pid && alive(daemon.pid)) {
      for (const id of (await ctr('tasks', 'list', '--quiet')).stdout.split(/\s+/).filter(Boolean)) {
        await ctr('tasks', 'kill', '--signal', 'SIGKILL', id)
        await until(`task ${id} to stop`, async () => ((await ctr('tasks', 'delete', id)).code === 0 ? true : undefined), 20_000, 100).catch(() => undefined)
      }
      for (const id of (await ctr('containers', 'list', '--quiet')).stdout.split(/\s+/).filter(Boolean)) await ctr('containers', 'delete', id)
      daemon.kill('SIGTERM')
    }
    await waitExit(daemon, 20_000)
    const points = readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1] ?? '').filter((p) => p.startsWith(`${temp}/`))
    for (const p of points.sort((a, b) => b.length - a.length)) await run('umount', [p])
    rmSync(temp, { recursive: true, force: true })
  }
  try {
    await until('containerd to answer', async () => ((await ctr('version')).code === 0 ? true : undefined), 30_000, 100)
  } catch (error) {
    await dispose()
    throw error
  }
  return { socket, ctr, dispose }
}

/** Imports the cached Debian root filesystem as image `name` (one uncompressed layer, OCI layout). */
export async function importImage(c: Containerd, name: string): Promise<void> {
  const archive = await ociArchive()
  await must('ctr', ['--address', c.socket, '--namespace', 'k8s.io', 'images', 'import', '--index-name', name, join(archive, 'image.tar')], { timeoutMs: 300_000 })
}

/** An OCI image layout of the root filesystem, packed once (containerd cannot be pointed at a folder). */
function ociArchive(): Promise<string> {
  return cachedDir(`oci-debian-${ROOTFS_KEY}`, async (dir) => {
    const rootfs = await debianRootfs()
    const layout = join(dir, 'layout')
    const blobs = join(layout, 'blobs', 'sha256')
    mkdirSync(blobs, { recursive: true })
    const blob = async (file: string): Promise<{ digest: string; size: number }> => {
      const hex = createHash('sha256').update(readFileSync(file)).digest('hex')
      renameSync(file, join(blobs, hex))
      return { digest: `sha256:${hex}`, size: statSync(join(blobs, hex)).size }
    }
    const json = (file: string, value: unknown) => (writeFileSync(join(dir, file), JSON.stringify(value)), blob(join(dir, file)))
    await must('tar', ['-C', rootfs, '-cf', join(dir, 'layer.tar'), '.'], { timeoutMs: 300_000 })
    const layer = await blob(join(dir, 'layer.tar'))
    const config = await json('config', { architecture: process.arch === 'x64' ? 'amd64' : process.arch, os: 'linux', rootfs: { type: 'layers', diff_ids: [layer.digest] }, config: {} })
    const manifest = await json('manifest', { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer }] })
    writeFileSync(join(layout, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest }] }))
    writeFileSync(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
    await must('tar', ['-C', layout, '-cf', join(dir, 'image.tar'), '.'], { timeoutMs: 300_000 })
    rmSync(layout, { recursive: true, force: true })
  })
}
