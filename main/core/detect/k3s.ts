import { posix } from 'node:path'
import { z } from 'zod'
import type { Host } from '../host/types'
import { PREFERENCES_FILE } from '../stores/keys'
import { hostPathOf, LAYOUTS, parsed } from './container-layouts'

/**
 * Kubernetes on k3s (TrueNAS SCALE 24.04 and older run their apps on it) keeps its containers in
 * containerd, which `docker` does not see. k3s ships containerd's own client as `k3s ctr`
 * (docs.k3s.io, CLI tools), and the CRI plugin puts Kubernetes' containers in containerd's
 * namespace `k8s.io`. `ctr containers list` prints CONTAINER, IMAGE, RUNTIME; `ctr containers info
 * ID` the container's record as JSON: Image, Labels (the kubelet's io.kubernetes.pod.namespace,
 * io.kubernetes.pod.name), and the OCI Spec with its mounts (source on the host, destination
 * inside). Measured with Debian's containerd 1.6.20 (test/real/containerd.real.test.ts).
 */
const CtrContainer = z.object({
  ID: z.string(),
  Image: z.string().optional(),
  Labels: z.record(z.string(), z.string()).nullable().optional(),
  Spec: z.object({ mounts: z.array(z.object({ source: z.string().optional(), destination: z.string().optional() })).nullable().optional() }).passthrough().optional()
})

export interface K3sPlex {
  readonly namespace: string
  readonly pod: string
  readonly image: string
  /** Preferences.xml on the host, from the container's /config mount. */
  readonly settingsFile: string
}

const ctr = (host: Host, args: string[]) => host.exec('k3s', ['ctr', '--namespace', 'k8s.io', ...args], { timeoutMs: 15_000 })

/** The Plex containers containerd holds for Kubernetes, or null when k3s's ctr cannot be asked (not root, no k3s). */
export async function k3sPlexContainers(host: Host): Promise<K3sPlex[] | null> {
  const list = await ctr(host, ['containers', 'list'])
  if (list.exitCode !== 0) return null
  const rows = list.stdout.split('\n').slice(1).map((line) => line.trim().split(/\s+/)).filter((r) => r.length >= 2)
  const out: K3sPlex[] = []
  const seen = new Set<string>()
  for (const [id, image] of rows) {
    const layout = LAYOUTS.find((l) => l.image.test(image ?? ''))
    if (!id || !layout) continue
    const info = await ctr(host, ['containers', 'info', id])
    const c = info.exitCode === 0 ? parsed(CtrContainer, info.stdout) : null
    if (!c) continue
    const mounts = (c.Spec?.mounts ?? []).map((m) => ({ Source: m.source, Destination: m.destination }))
    const held = hostPathOf(mounts, layout.dataDir ? posix.join('/config', layout.dataDir) : '/config')
    if (!held) continue
    const settingsFile = posix.join(held.path, PREFERENCES_FILE)
    if (seen.has(settingsFile)) continue // a pod's earlier containers share its mount
    seen.add(settingsFile)
    out.push({ namespace: c.Labels?.['io.kubernetes.pod.namespace'] ?? '?', pod: c.Labels?.['io.kubernetes.pod.name'] ?? c.ID, image: layout.name, settingsFile })
  }
  return out
}

/**
 * k3s's own files (docs.k3s.io: /etc/rancher/k3s, /var/lib/rancher/k3s) or its binary on PATH:
 * not supported for a stop and start (Kubernetes starts a stopped pod's container again). When
 * k3s's ctr answers, each Plex container is named with its pod and the settings file to reset.
 */
export async function k3sFound(host: Host): Promise<string | null> {
  const marks = (await host.which('k3s')) !== null || (await Promise.all(['/etc/rancher/k3s', '/var/lib/rancher/k3s'].map((p) => host.lstat(p).catch(() => null)))).some((s) => s !== null) // absent: not a mark
  if (!marks) return null
  const intro = 'This machine runs Kubernetes (k3s; TrueNAS SCALE 24.04 and older run their apps this way). Its containers live in containerd, which Docker cannot see, and Kubernetes starts a stopped container again, so a Plex Media Server there is not supported for a stop and start by Plex Reclaim.'
  const found = (await k3sPlexContainers(host).catch(() => null)) ?? [] // ctr cannot be asked (not root): the general line stands
  if (found.length === 0) return `${intro} Stop the Plex app yourself (scale it to 0), then run the reset on its config folder with --file PATH --no-service, and start it again.`
  const each = found.map((p) => `Plex Media Server (${p.image}) runs in pod ${p.pod} of namespace ${p.namespace}; its settings are ${p.settingsFile}. Stop the app (TrueNAS SCALE: Apps, Stop; or scale its workload to 0: k3s kubectl -n ${p.namespace} get deployments), run plex-reclaim reset --file "${p.settingsFile}" --no-service, then start it again.`)
  return [intro, ...each].join(' ')
}
