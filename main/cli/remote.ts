import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { CoreError, KnownHosts, LocalHost, SshHost, defaultBackupDir, defaultKeyAuth, openBackupFolder, parseSshTarget, type HostEntry, type SshAuth, type SudoChoice } from '../app/index'
import { backupDirFlag, portFlag, type CliFlags } from './context'

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

/** --host: the SSH connection (known hosts kept inside the checked backup folder), and a local port forwarded to the server's own local API. */
export async function connectRemote(flags: CliFlags): Promise<HostEntry> {
  const target = parseSshTarget(flags.host!)
  const local = new LocalHost()
  const knownHosts = new KnownHosts(local, (await openBackupFolder(local, resolve(backupDirFlag(flags) ?? defaultBackupDir()))).knownHostsPath)
  const lines = stdinLines(flags)
  const auth = await authFrom(flags, lines)
  const host = await SshHost.connect(target, auth, knownHosts, flags['accept-host-key'], { sudo: sudoFrom(flags, lines) })
  try {
    return { host, apiPort: await host.forward(portFlag(flags)) }
  } catch (error) {
    host.close()
    throw error
  }
}
