import { HostKeyUnknownError, KnownHosts, SshHost, parseSshTarget, type SshAuth, type SshTarget, type SudoChoice } from '../core/host/ssh'
import { defaultKeyAuth } from '../core/host/ssh-keys'
import type { AppEnvironment } from './environment'
import type { HostEntry } from './hosts'
import type { Known } from './installations'

export interface SshOptions {
  readonly sudo?: SudoChoice | null
  readonly acceptFingerprint?: string
  readonly remotePort?: number
}

/**
 * A server over SSH: its key checked against the known hosts kept in the checked backup folder
 * (an unknown key is refused with its fingerprint), sudo probed once, and a local port forwarded
 * to the server's own local API. The one way the wizard and the CLI connect.
 */
export async function openSsh(env: AppEnvironment, knownHostsPath: string, target: SshTarget | string, auth: SshAuth | 'default-keys', options: SshOptions): Promise<HostEntry> {
  const where = typeof target === 'string' ? parseSshTarget(target) : target
  const host = await SshHost.connect(where, auth === 'default-keys' ? await defaultKeyAuth(env.sshKeyDir) : auth, new KnownHosts(env.local, knownHostsPath), options.acceptFingerprint, { sudo: options.sudo ?? null })
  try {
    return { host, apiPort: await host.forward(options.remotePort ?? env.port) }
  } catch (error) {
    host.close()
    throw error
  }
}

/** The wizard's connect: an unknown key asks for confirmation of its fingerprint; then detection there. */
export async function connectAndDetect(
  detect: (entry: HostEntry) => Promise<Known[]>,
  open: () => Promise<HostEntry>
): Promise<{ readonly status: 'confirm-fingerprint'; readonly fingerprint: string } | { readonly status: 'connected'; readonly name: string; readonly installations: Known[] }> {
  let entry: HostEntry
  try {
    entry = await open()
  } catch (error) {
    if (error instanceof HostKeyUnknownError) return { status: 'confirm-fingerprint', fingerprint: error.fingerprint }
    throw error
  }
  try {
    return { status: 'connected', name: entry.host.name, installations: await detect(entry) }
  } catch (error) {
    entry.host.close?.()
    throw error
  }
}
