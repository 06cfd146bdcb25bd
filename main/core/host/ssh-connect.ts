import type { Client as SshClient, ConnectConfig } from 'ssh2'
import { CoreError } from '../result'
import type { KnownHosts } from './ssh-known-hosts'
import { fingerprintOf, type SshTarget } from './ssh-target'

export interface SshAuth {
  readonly privateKey?: Buffer
  readonly agent?: string
  /** Asked for, used for this connection, never stored. */
  readonly password?: string
}

/** A first connection: the key's fingerprint must be confirmed by the user before it is trusted. */
export class HostKeyUnknownError extends CoreError {
  constructor(
    message: string,
    readonly fingerprint: string
  ) {
    super('HOST_KEY_UNKNOWN', message)
  }
}

/**
 * Logs in, checking the host key against the app's known hosts: a known key must match; an
 * unknown one is accepted only when its fingerprint is the one the user confirmed.
 */
/** The connection and the key fingerprint it was verified with (recorded in the host's identity). */
export async function openConnection(target: SshTarget, auth: SshAuth, knownHosts: KnownHosts, confirmedFingerprint?: string): Promise<{ client: SshClient; fingerprint: string }> {
  const { Client } = await import('ssh2')
  const client = new Client()
  const id = `${target.host}:${target.port}`
  const known = await knownHosts.get(id)
  let seen: string | undefined
  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.user,
    readyTimeout: 15_000,
    keepaliveInterval: 10_000,
    hostVerifier: (key: Buffer) => {
      seen = fingerprintOf(key)
      return known ? seen === known : seen === confirmedFingerprint
    },
    ...(auth.privateKey ? { privateKey: auth.privateKey } : {}),
    ...(auth.agent ? { agent: auth.agent } : {}),
    ...(auth.password !== undefined ? { password: auth.password } : {})
  }
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve())
    client.once('error', (error: Error & { level?: string; code?: string }) => {
      if (seen && known && seen !== known) {
        reject(new CoreError('HOST_KEY_CHANGED', `The key of ${id} has changed (it was ${known}, it is now ${seen}). This can mean someone is intercepting the connection. If the server was reinstalled, remove it from ${knownHosts.path} and connect again.`))
      } else if (seen && !known && seen !== confirmedFingerprint) {
        reject(new HostKeyUnknownError(`First connection to ${id}: its key fingerprint is ${seen}. Check it on the server (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then confirm it (--accept-host-key ${seen}).`, seen))
      } else if (error.level === 'client-authentication') {
        const password = auth.password !== undefined
        reject(new CoreError(password ? 'SSH_AUTH_FAILED' : 'SSH_KEY_REJECTED', `${target.user}@${target.host} did not accept the ${password ? 'password' : 'key'}. Check the user name and the ${password ? 'password' : 'key (--identity FILE)'}, then try again.`))
      } else if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN' || error.code === 'EAI_NONAME') {
        reject(new CoreError('SSH_HOST_NOT_FOUND', `The name ${target.host} does not resolve to an address (${error.code}). Check its spelling, or use the server's IP address.`))
      } else if (error.code === 'ECONNREFUSED') {
        reject(new CoreError('SSH_REFUSED', `${target.host} refused the connection on port ${target.port} (ECONNREFUSED): no SSH server listens there. Check the port, and that SSH is switched on on the server.`))
      } else if (error.code === 'EHOSTUNREACH' || error.level === 'client-timeout') {
        reject(new CoreError('SSH_UNREACHABLE', `${target.host}:${target.port} cannot be reached over SSH (${error.code ?? error.level}). Check the address, the port and that the SSH server runs.`))
      } else reject(new CoreError('SSH_UNREACHABLE', `The SSH connection to ${target.host} failed: ${error.message}`))
    })
    // Nagle's algorithm would hold back each small request for about 40 ms.
    client.once('connect', () => (client as unknown as { _sock?: { setNoDelay?: (on: boolean) => void } })._sock?.setNoDelay?.(true))
    client.connect(config)
  })
  if (!known && seen) await knownHosts.remember(id, seen)
  return { client, fingerprint: seen ?? known ?? '' }
}
