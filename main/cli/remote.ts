import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { defaultBackupDir } from '../core/backups/location'
import type { Host } from '../core/host/types'
import { KnownHosts, SshHost, knownHostsPathFor, parseSshTarget, type SshAuth } from '../core/host/ssh'
import { CoreError } from '../core/result'
import type { CliFlags } from './context'
import { DEFAULT_PORT } from '../core/server/control'

/** Passwords come on standard input, one a line (the SSH password first, then sudo's): never in argv or env. */
function stdinLines(flags: CliFlags): string[] {
  return flags['password-stdin'] || flags.sudo ? readFileSync(0, 'utf8').split(/\r?\n/) : []
}

/** The key: --identity, else a running agent, else the usual files in ~/.ssh. */
function authFrom(flags: CliFlags, lines: string[]): SshAuth {
  if (flags['password-stdin']) return { password: lines.shift() ?? '' }
  if (flags.identity) {
    try {
      return { privateKey: readFileSync(flags.identity) }
    } catch {
      throw new CoreError('NOT_FOUND', `The key ${flags.identity} cannot be read. Check the path given to --identity.`)
    }
  }
  if (process.env.SSH_AUTH_SOCK) return { agent: process.env.SSH_AUTH_SOCK }
  for (const name of ['id_ed25519', 'id_ecdsa', 'id_rsa']) {
    try {
      return { privateKey: readFileSync(join(homedir(), '.ssh', name)) }
    } catch {
      // try the next one
    }
  }
  throw new CoreError('SSH_AUTH_FAILED', 'No SSH key was found: pass --identity FILE, start an ssh-agent, or use --password-stdin.')
}

/** --host: the SSH connection, and a local port forwarded to the server's own local API. */
export async function connectRemote(flags: CliFlags, local: Host): Promise<{ host: SshHost; serverPort: number }> {
  const target = parseSshTarget(flags.host!)
  const knownHosts = new KnownHosts(local, knownHostsPathFor(flags['backup-dir'] ?? defaultBackupDir()))
  const lines = stdinLines(flags)
  const host = await SshHost.connect(target, authFrom(flags, lines), knownHosts, flags['accept-host-key'])
  if (flags.sudo) await host.useSudo({ password: lines.shift() ?? '' }).catch((error: unknown) => {
    host.close()
    throw error
  })
  const remotePort = flags.port ? Number(flags.port) : DEFAULT_PORT
  return { host, serverPort: await host.forward(remotePort) }
}
