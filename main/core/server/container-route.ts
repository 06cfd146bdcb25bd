import { z } from 'zod'
import type { Host } from '../host/types'

/**
 * How the host reaches a container's API when the container has no curl to be asked from
 * inside: its host network, a port it publishes for the API, or its address on a bridge network.
 * A macvlan or ipvlan container cannot be reached from its own host (Docker's macvlan and ipvlan
 * driver pages), so that address is never used; then the reason says what to check.
 */
export type ContainerRoute = { readonly kind: 'address'; readonly address: string; readonly port: number; readonly how: string } | { readonly kind: 'none'; readonly reason: string }

const Binding = z.object({ HostIp: z.string().optional(), HostPort: z.string() })
const Inspect = z
  .array(
    z.object({
      HostConfig: z.object({ NetworkMode: z.string().optional() }).optional(),
      NetworkSettings: z
        .object({
          Ports: z.record(z.string(), z.array(Binding).nullable()).nullable().optional(),
          Networks: z.record(z.string(), z.object({ IPAddress: z.string().optional() })).nullable().optional()
        })
        .optional()
    })
  )
  .min(1)

export type InspectedContainer = z.infer<typeof Inspect>[number]

/** `docker inspect CONTAINER` (its JSON array), checked; null when it is not that shape. */
export function parseInspect(stdout: string): InspectedContainer | null {
  try {
    const parsed = Inspect.safeParse(JSON.parse(stdout))
    return parsed.success ? parsed.data[0]! : null
  } catch { // not JSON: no route from it
    return null
  }
}

/** A binding on every address is reached on loopback; one bound to an address, on that address. */
const hostSide = (ip: string | undefined): string => (!ip || ip === '0.0.0.0' ? '127.0.0.1' : ip === '::' ? '::1' : ip)

/**
 * The route from the container's inspect data; driverOf names a user-defined network's driver
 * (`docker network inspect --format {{.Driver}}`), the default "bridge" network being a bridge.
 */
export async function routeOf(container: string, c: InspectedContainer, port: number, driverOf: (network: string) => Promise<string | null>): Promise<ContainerRoute> {
  const mode = c.HostConfig?.NetworkMode ?? ''
  if (mode === 'host') return { kind: 'address', address: '127.0.0.1', port, how: 'the host network' }
  const bindings = c.NetworkSettings?.Ports?.[`${port}/tcp`] ?? []
  const published = bindings.find((b) => !b.HostIp?.includes(':')) ?? bindings[0]
  if (published && /^\d+$/.test(published.HostPort)) return { kind: 'address', address: hostSide(published.HostIp), port: Number(published.HostPort), how: `its published port ${published.HostPort}` }
  const networks = Object.entries(c.NetworkSettings?.Networks ?? {})
  const seen: string[] = []
  for (const [name, n] of networks) {
    const driver = name === 'bridge' ? 'bridge' : await driverOf(name)
    // Docker's "none" network has the driver "null": named as is.
    seen.push(driver && driver !== 'null' && driver !== name ? `${name} (${driver})` : name)
    if (driver === 'bridge' && n.IPAddress) return { kind: 'address', address: n.IPAddress, port, how: `its address on the bridge network ${name}` }
  }
  const on = seen.length ? `network: ${seen.join(', ')}` : `network: ${mode || 'none'}`
  return {
    kind: 'none',
    reason:
      `Plex Media Server in container ${container} cannot be reached from here: it has no curl to be asked from inside, publishes no port for ${port}, and is on no bridge network (${on}). ` +
      `Check: publish the port (docker run -p ${port}:${port}), or add curl to the image; a macvlan or ipvlan container cannot be reached from its own host. Or stop and start it yourself with --no-service and claim it in Plex Web.`
  }
}

/** The route, asked of Docker on the host; none when Docker cannot say. */
export async function resolveRoute(host: Host, container: string, port: number): Promise<ContainerRoute> {
  const r = await host.exec('docker', ['inspect', container], { timeoutMs: 10_000 })
  const c = r.exitCode === 0 ? parseInspect(r.stdout) : null
  if (!c) return { kind: 'none', reason: `Plex Media Server in container ${container} cannot be reached from here: it has no curl, and docker inspect did not describe the container (${r.stderr.trim() || `exit ${r.exitCode}`}).` }
  return routeOf(container, c, port, async (network) => {
    const d = await host.exec('docker', ['network', 'inspect', '--format', '{{.Driver}}', network], { timeoutMs: 10_000 })
    return d.exitCode === 0 ? d.stdout.trim() || null : null
  })
}
