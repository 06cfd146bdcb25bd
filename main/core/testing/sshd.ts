import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { fingerprintOf } from '../host/ssh'
import { freePort } from './linux-server'
import { tempDir } from './temp'

export const SSHD = '/usr/sbin/sshd'
export const sshdAvailable = (): boolean => existsSync(SSHD)

export interface TestSshd {
  readonly port: number
  readonly key: string
  readonly fingerprint: string
  stop(): void
}

/**
 * A real OpenSSH server on 127.0.0.1 for tests (Debian's openssh-server; .ci/run installs it where
 * missing): host key, config and authorized key in a temp folder; the session's PATH and stand-in
 * settings come from SetEnv, so the "remote" side finds the stand-ins exactly as a server would.
 */
export async function startSshd(env: Record<string, string>): Promise<TestSshd> {
  const dir = tempDir('sshd')
  const port = await freePort()
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')])
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'client_key')])
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')))
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })
  const setEnv = Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'AllowTcpForwarding yes',
      `SetEnv ${setEnv}`,
      ''
    ].join('\n')
  )
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: 'ignore' })
  for (let i = 0; i < 100; i++) {
    const ready = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1')
      s.once('connect', () => (s.end(), resolve(true)))
      s.once('error', () => resolve(false))
    })
    if (ready) break
    await new Promise((r) => setTimeout(r, 50))
  }
  const blob = readFileSync(join(dir, 'host_key.pub'), 'utf8').split(' ')[1]!
  return { port, key: join(dir, 'client_key'), fingerprint: fingerprintOf(Buffer.from(blob, 'base64')), stop: () => void child.kill() }
}
