import { existsSync, readFileSync } from 'node:fs'
import { mountUnavailable } from './capabilities'
import { must, run } from './processes'

/**
 * A network namespace of the tests' own (`ip netns add`): what a daemon started in it creates
 * (Swarm's docker_gwbridge and ingress, veth pairs, routes) stays in it and goes with it, so the
 * host's network is never changed (real-parts.md). Only its loopback is brought up.
 */
export interface NetNs {
  readonly name: string
  /** The bind-mounted namespace file, for `nsenter --net=PATH`. */
  readonly path: string
  dispose(): Promise<void>
}

/** Why no network namespace can be made here, or null when one can. */
export function netnsUnavailable(): string | null {
  const mounts = mountUnavailable() // ip netns add bind-mounts the namespace file: CAP_SYS_ADMIN
  if (mounts) return mounts
  for (const tool of ['/usr/sbin/ip', '/usr/bin/nsenter']) if (!existsSync(tool)) return `${tool} is missing (apt-get install iproute2 util-linux)`
  return null
}

/** The host's interfaces, names and addresses: the same before and after a test that must not change them. */
export async function hostInterfaces(): Promise<string> {
  return (await must('ip', ['-brief', 'address'])).split('\n').sort().join('\n')
}

/** IPv4 forwarding on the host (dockerd without --ip-forward=false turns it on). */
export const hostIpForward = (): string => readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim()

/**
 * A new namespace `name` (one an earlier, crashed run left is deleted first), loopback up.
 * Deleted by dispose; run it after every process inside has exited.
 */
export async function netns(name: string): Promise<NetNs> {
  if (existsSync(`/run/netns/${name}`)) await run('ip', ['netns', 'delete', name])
  await must('ip', ['netns', 'add', name])
  const dispose = async (): Promise<void> => {
    await run('ip', ['netns', 'delete', name])
  }
  try {
    await must('ip', ['-n', name, 'link', 'set', 'lo', 'up'])
  } catch (error) {
    await dispose()
    throw error
  }
  return { name, path: `/run/netns/${name}`, dispose }
}
