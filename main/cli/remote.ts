import { readFileSync } from 'node:fs'
import { CoreError, type AppService, type HostEntry, type SshAuth, type SudoChoice } from '../app/index'
import { portFlag, type CliFlags } from './context'

/** Passwords come on standard input, one a line (the SSH password first, then sudo's): never in argv or env. */
function stdinLines(flags: CliFlags): string[] {
  return flags['password-stdin'] || flags.sudo ? readFileSync(0, 'utf8').split(/\r?\n/) : []
}

/** The key: --identity, else a running agent or the usual files in ~/.ssh; or a password from stdin. */
function authFrom(flags: CliFlags, lines: string[]): SshAuth | 'default-keys' {
  if (flags['password-stdin']) return { password: lines.shift() ?? '' }
  if (!flags.identity) return 'default-keys'
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

/** --host: the service's SSH connection (known hosts kept inside the checked backup folder), with a local port forwarded to the server's own local API. */
export function connectRemote(service: AppService, flags: CliFlags): Promise<HostEntry> {
  const lines = stdinLines(flags)
  const auth = authFrom(flags, lines)
  return service.connectHost(flags.host!, auth, { sudo: sudoFrom(flags, lines), acceptFingerprint: flags['accept-host-key'], remotePort: portFlag(flags) })
}
