// A real OpenSSH server on 127.0.0.1 for the SSH tests (Debian's openssh-server; .ci/run installs
// it where missing): host key, config and authorized key in a temp folder. The session's PATH and
// stand-in settings come from SetEnv, so the "remote" side finds the stand-ins as a server would.
// Plain JavaScript, so both Vitest and Playwright specs can use it.
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const SSHD = '/usr/sbin/sshd'
export const sshdAvailable = () => existsSync(SSHD)

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })

/** @returns {Promise<{ port: number, key: string, fingerprint: string, stop(): void }>} */
export async function startSshd(env) {
  const dir = mkdtempSync(join(tmpdir(), 'sshd-'))
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
  const child = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: 'ignore' })
  for (let i = 0; i < 100; i++) {
    const ready = await new Promise((resolve) => {
      const s = connect(port, '127.0.0.1')
      s.once('connect', () => {
        s.end()
        resolve(true)
      })
      s.once('error', () => resolve(false))
    })
    if (ready) break
    await new Promise((r) => setTimeout(r, 50))
  }
  const blob = readFileSync(join(dir, 'host_key.pub'), 'utf8').split(' ')[1]
  const fingerprint = `SHA256:${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`
  return { port, key: join(dir, 'client_key'), fingerprint, stop: () => void child.kill() }
}
