import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BackupStore } from '../core/backups/store'
import { LocalHost } from '../core/host/local'
import { readIdentity } from '../core/server/identity'
import { linuxServer, type LinuxServer } from '../core/testing/linux-server'
import { sshdAvailable, startSshd, type TestSshd } from '../core/testing/sshd'
import { SIGNED_IN, SIGNED_OUT } from '../core/testing/temp'
import { runCli } from './run'

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (s) => void out.push(s), err: (s) => void err.push(s) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

/** The "remote" server is this machine reached through a real sshd on loopback. */
describe.skipIf(!sshdAvailable())('the CLI over SSH (a real OpenSSH server on loopback)', () => {
  let m: LinuxServer
  let sshd: TestSshd
  const remote = () => ['--host', `root@127.0.0.1:${sshd.port}`, '--identity', sshd.key, '--root', m.root, '--backup-dir', m.backups, '--port', String(m.port)]

  beforeAll(async () => {
    m = await linuxServer({ startDelayMs: 20, stopDelayMs: 20 })
    m.systemctl('start', 'plexmediaserver')
    for (let i = 0; i < 200 && !(await readIdentity(m.port)); i++) await new Promise((r) => setTimeout(r, 10))
    // The stand-ins' folder is first on this test's PATH; the SSH session gets the same PATH.
    sshd = await startSshd({ PATH: process.env.PATH!, STANDIN_SYSTEMD_DIR: m.systemdDir })
  }, 30_000)
  afterAll(async () => {
    sshd?.stop()
    await m?.dispose()
  })

  it('refuses an unknown host key until its fingerprint is confirmed, and names it', async () => {
    const r = await cli('status', ...remote())
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`its key fingerprint is ${sshd.fingerprint}`)
    expect(r.stderr).toContain(`--accept-host-key ${sshd.fingerprint}`)
  })

  it('reset over SSH: the remote file edited exactly, the backup kept here, the server running unclaimed', async () => {
    const r = await cli('reset', '--yes', '--accept-host-key', sshd.fingerprint, ...remote())
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(m.read()).toBe(SIGNED_OUT)
    const backups = new BackupStore(m.backups, new LocalHost())
    const [manifest] = await backups.list()
    expect((await backups.readVerified(manifest!.id)).payload.toString()).toBe(SIGNED_IN)
    expect(await readIdentity(m.port)).toMatchObject({ claimed: false })
    // A copy of the backup also stays beside the original on the server.
    const { readFileSync, statSync } = await import('node:fs')
    const copy = join(m.dataDir, `Preferences.xml.plex-reclaim-${manifest!.id}.bak`)
    expect(readFileSync(copy, 'utf8')).toBe(SIGNED_IN)
    expect(statSync(copy).mode & 0o777).toBe(0o600)
  }, 30_000)

  it('claim over SSH goes through a port forward to the server\'s own 127.0.0.1', async () => {
    const token = m.plexTv.mintClaimToken({ username: 'kate_new' })
    const r = await cli('claim', '--token', token, ...remote())
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/signed in as kate_new/)
    expect(await readIdentity(m.port)).toMatchObject({ claimed: true })
  }, 30_000)

  it('refuses a changed host key with a clear warning', async () => {
    const known = join(dirname(m.backups), 'known_hosts.json')
    writeFileSync(known, JSON.stringify({ [`127.0.0.1:${sshd.port}`]: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }))
    const r = await cli('status', ...remote())
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/The key of 127\.0\.0\.1:\d+ has changed .* someone is intercepting the connection/)
  })

  it('a key the server does not accept gets a clear message', async () => {
    const known = join(dirname(m.backups), 'known_hosts.json')
    writeFileSync(known, JSON.stringify({ [`127.0.0.1:${sshd.port}`]: sshd.fingerprint }))
    const { execFileSync } = await import('node:child_process')
    const other = join(dirname(m.backups), 'other_key')
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other])
    const args = remote()
    args[args.indexOf('--identity') + 1] = other
    const r = await cli('status', ...args)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/did not accept the key\. Check the user name and the key \(--identity FILE\)/)
  })
})
