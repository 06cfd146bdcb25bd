import { z } from 'zod'
import type { ServerControl } from '../detect/types'
import type { Host } from '../host/types'
import { normaliseAddress } from './allowed-networks'

/** The addresses the server sees requests from when the user opens Plex Web, and how that was found. */
export interface SeenAddresses {
  readonly addresses: readonly string[]
  readonly how: 'loopback' | 'ssh-client' | 'docker-gateway'
}

/** Loopback: a browser on the server's own machine; localhost may resolve to either. */
export const LOOPBACK: SeenAddresses = Object.freeze({ addresses: ['127.0.0.1', '::1'], how: 'loopback' })

const inspectSchema = z
  .array(
    z.object({
      HostConfig: z.object({ NetworkMode: z.string().max(256) }).partial().optional(),
      NetworkSettings: z.object({ Networks: z.record(z.string().max(256), z.object({ Gateway: z.string().max(64).optional(), IPv6Gateway: z.string().max(64).optional() }).nullable()).nullish() }).optional()
    })
  )
  .min(1)

/**
 * A bridged container sees a browser on its host through the bridge's gateway (Docker's proxy and
 * NAT for published ports); with host networking it sees loopback. From `docker inspect`.
 */
export function gatewaysFromInspect(json: string): SeenAddresses | null {
  let parsed
  try {
    parsed = inspectSchema.safeParse(JSON.parse(json))
  } catch { // not JSON: the address is unknown and the note left out
    return null
  }
  if (!parsed.success) return null
  const c = parsed.data[0]!
  if (c.HostConfig?.NetworkMode === 'host') return LOOPBACK
  const addresses = Object.values(c.NetworkSettings?.Networks ?? {})
    .flatMap((n) => [n?.Gateway, n?.IPv6Gateway])
    .filter((a): a is string => Boolean(a && normaliseAddress(a)))
  return addresses.length > 0 ? { addresses, how: 'docker-gateway' } : null
}

/** SSH_CONNECTION is "client-address client-port server-address server-port" (ssh(1), ENVIRONMENT). */
export function clientFromSshConnection(value: string): string | null {
  const first = value.trim().split(/\s+/)[0] ?? ''
  return normaliseAddress(first)?.address ?? null
}

/**
 * Which address the server sees for this computer: loopback for a server here; over SSH, the
 * session's client address as the server reports it (SSH_CONNECTION, right through NAT), else
 * this end's socket address; for a bridged container here, the bridge gateway. null: not known.
 */
export async function addressesServerSees(host: Host & { readonly localAddress?: string | null }, control: ServerControl): Promise<SeenAddresses | null> {
  if (host.kind === 'ssh') {
    const r = await host.exec('printenv', ['SSH_CONNECTION'], { timeoutMs: 10_000 }).catch(() => null) // unknown address: the note is left out
    const fromEnv = r?.exitCode === 0 ? clientFromSshConnection(r.stdout) : null
    const address = fromEnv ?? (host.localAddress ? (normaliseAddress(host.localAddress)?.address ?? null) : null)
    return address ? { addresses: [address], how: 'ssh-client' } : null
  }
  if (control.kind === 'docker') {
    const r = await host.exec('docker', ['inspect', '--type', 'container', control.container], { timeoutMs: 15_000 }).catch(() => null) // unknown address: the note is left out
    return r?.exitCode === 0 ? gatewaysFromInspect(r.stdout) : null
  }
  return LOOPBACK
}
