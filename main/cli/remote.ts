import { readFileSync } from 'node:fs'
import { defaultBackupDir } from '../core/backups/location'
import type { Host } from '../core/host/types'
import { defaultKeyAuth } from '../core/host/ssh-keys'
import { KnownHosts, SshHost, knownHostsPathFor, parseSshTarget, type SshAuth, type SudoChoice } from '../core/host/ssh'
import { CoreError } from '../core/result'
import type { CliFlags } from './context'
import { DEFAULT_PORT } from '../core/server/control'

/** Passwords come on standard input, one a line (the SSH password first, then sudo's): never in argv or env. */
function stdinLines(flags: CliFlags): string[] {
  return flags['password-stdin'] || flags.sudo ? readFileSync(0, 'utf8').split(/\r?\n/) : []
}

/** The key: --identity, else a running agent or the usual files in ~/.ssh; or a password from stdin. */
async function authFrom(flags: CliFlags, lines: string[]): Promise<SshAuth> {
  if (flags['password-stdin']) return { password: lines.shift() ?? '' }
  if (!flags.identity) return defaultKeyAuth()
  try {
    return { privateKey: readFileSync(flags.identity) }
  } catch {
    throw new CoreError('NOT_FOUND', `The key ${flags.identity} cannot be read. Check the path given to --identity.`)
  }
}

/** --sudo: a password line on stdin if there is one; none is fine where sudo needs none (NOPASSWD). */
function sudoFrom(flags: CliFlags, lines: string[]): SudoChoice | null {
  if (!flags.sudo) return null
  const password = lines.shift()
  return password ? { password } : {}
}

/** --host: the SSH connection, and a local port forwarded to the server's own local API. */
export async function connectRemote(flags: CliFlags, local: Host, knownHostsPath = knownHostsPathFor(flags['backup-dir'] ?? defaultBackupDir())): Promise<{ host: SshHost; serverPort: number }> {
  const target = parseSshTarget(flags.host!)
  const lines = stdinLines(flags)
  const auth = await authFrom(flags, lines)
  const host = await SshHost.connect(target, auth, new KnownHosts(local, knownHostsPath), flags['accept-host-key'], { sudo: sudoFrom(flags, lines) })
  const remotePort = flags.port ? Number(flags.port) : DEFAULT_PORT
  return { host, serverPort: await host.forward(remotePort) }
}
