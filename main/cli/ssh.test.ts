import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { connect, createServer, type Socket } from 'node:net'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BackupStore } from '../core/backups/store'
import { LocalHost } from '../core/host/local'
import { KnownHosts, SshHost } from '../core/host/ssh'
import { JournalStore, runsDirOf } from '../core/engine/journal'
import { standInsOnPath } from '../../test/standins/path'
import { readIdentity } from '../core/server/identity'
import { TEST_CLI, linuxServer, type LinuxServer } from '../../test/support/linux-server'
// @ts-expect-error: a plain .mjs helper shared with the Playwright specs
import { sshdAvailable, startSshd } from '../../scripts/test-sshd.mjs'
import { SIGNED_IN, SIGNED_OUT } from '../../test/support/temp'
import { runCli } from './run'
import { testHooks } from '../../test/support/cli-hooks'

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (s) => void out.push(s), err: (s) => void err.push(s) }, testHooks())
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

/** The "remote" server is this machine reached through a real sshd on loopback. */
describe.skipIf(!(sshdAvailable as () => boolean)())('the CLI over SSH (a real OpenSSH server on loopback)', () => {
  let m: LinuxServer
  let sshd: { port: number; key: string; fingerprint: string; stop(): void }
  const connectTest = () => SshHost.connect({ user: 'root', host: '127.0.0.1', port: sshd.port }, { privateKey: readFileSync(sshd.key) }, new KnownHosts(new LocalHost(), join(m.root, 'test-known-hosts.json')), sshd.fingerprint)
  const remote = () => ['--host', `root@127.0.0.1:${sshd.port}`, '--identity', sshd.key, '--root', m.root, '--backup-dir', m.backups, '--port', String(m.port)]

  let undoSudo: () => void
  let sudoConfig: string
  beforeAll(async () => {
    m = await linuxServer({ startDelayMs: 20, stopDelayMs: 20 })
    m.systemctl('start', 'plexmediaserver')
    for (let i = 0; i < 200 && !(await readIdentity(m.port)); i++) await new Promise((r) => setTimeout(r, 10))
    undoSudo = standInsOnPath(['sudo'])
    sudoConfig = join(m.root, 'sudo.json')
    // The stand-ins' folders are first on this test's PATH; the SSH session gets the same PATH.
    sshd = await startSshd({ PATH: process.env.PATH!, STANDIN_SYSTEMD_DIR: m.systemdDir, STANDIN_SUDO_CONFIG: sudoConfig })
  }, 30_000)
  afterAll(async () => {
    sshd?.stop()
    undoSudo?.()
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

  it('sudo over the session: every command runs through it, with the password typed (never stored)', async () => {
    writeFileSync(sudoConfig, JSON.stringify({ password: 's3cret pass' }))
    const host = await connectTest()
    try {
      await host.useSudo({ password: 's3cret pass' })
      expect((await host.readFile(m.preferences)).toString()).toBe(m.read())
      const file = join(m.root, 'sudo-written.txt')
      await host.writeFileAtomic(file, Buffer.from('bytes\nwith lines\n'), { mode: 0o640 })
      expect(readFileSync(file, 'utf8')).toBe('bytes\nwith lines\n')
      expect(statSync(file).mode & 0o777).toBe(0o640)
    } finally {
      host.close()
    }
  })

  it.each([
    [{ password: 'right' }, 'wrong', 'SUDO_WRONG_PASSWORD', /did not accept that password\. Type it again \(it is not stored\)/],
    [{ password: 'right', refuse: true }, 'right', 'SUDO_REFUSED', /root may not use sudo on 127\.0\.0\.1\. Ask its administrator/]
  ])('sudo %j with %s: %s', async (config, typed, code, message) => {
    writeFileSync(sudoConfig, JSON.stringify(config))
    const host = await connectTest()
    try {
      await expect(host.useSudo({ password: typed })).rejects.toMatchObject({ code, message: expect.stringMatching(message) })
    } finally {
      host.close()
    }
  })

  it('a connection dropped in the middle of a run leaves the file original or final, and resume finishes it', async () => {
    // The CLI reaches sshd through a TCP relay, which the test cuts once the server is stopped.
    // Stop first: the server writes its (claimed) settings back as it stops.
    m.systemctl('stop', 'plexmediaserver')
    writeFileSync(m.preferences, SIGNED_IN)
    m.systemctl('start', 'plexmediaserver')
    for (let i = 0; i < 200 && !(await readIdentity(m.port)); i++) await new Promise((r) => setTimeout(r, 10))
    const sockets = new Set<Socket>()
    const relay = createServer((client) => {
      const upstream = connect(sshd.port, '127.0.0.1')
      sockets.add(client).add(upstream)
      client.pipe(upstream).pipe(client)
      client.on('error', () => upstream.destroy())
      upstream.on('error', () => client.destroy())
    })
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
    const relayPort = (relay.address() as { port: number }).port
    mkdirSync(m.backups, { recursive: true, mode: 0o700 })
    writeFileSync(join(m.backups, 'known_hosts.json'), JSON.stringify({ [`127.0.0.1:${relayPort}`]: sshd.fingerprint }))
    const args = (cmd: string[]) => [TEST_CLI, ...cmd, '--host', `root@127.0.0.1:${relayPort}`, '--identity', sshd.key, '--root', m.root, '--backup-dir', m.backups, '--port', String(m.port)]
    const run = (cmd: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, args(cmd), { stdio: ['ignore', 'ignore', 'pipe'] })
        let stderr = ''
        child.stderr.on('data', (c) => (stderr += c))
        child.once('close', (code) => resolve({ code, stderr }))
      })
    const cut = run(['reset', '--yes'])
    const journals = new JournalStore(runsDirOf(m.backups), new LocalHost())
    // Detection over SSH takes a few seconds before the run starts.
    for (let i = 0; i < 3000; i++) {
      const latest = (await journals.list())[0]?.journal
      // Cut while the server is stopped and the settings are being changed.
      if (latest?.completed.includes('verify-stopped') && !latest.completed.includes('start') && !latest.outcome) break
      await new Promise((r) => setTimeout(r, 10))
    }
    for (const s of sockets) s.destroy()
    const first = await cut
    expect(first.code).not.toBe(0)
    expect([SIGNED_IN, SIGNED_OUT]).toContain(m.read())
    const resumed = await run(['resume'])
    expect(resumed.stderr).toBe('')
    expect(resumed.code).toBe(0)
    expect(m.read()).toBe(SIGNED_OUT)
    expect(await readIdentity(m.port)).toMatchObject({ claimed: false })
    relay.close()
  }, 60_000)

  it('refuses a changed host key with a clear warning', async () => {
    const known = join(m.backups, 'known_hosts.json')
    mkdirSync(m.backups, { recursive: true, mode: 0o700 })
    writeFileSync(known, JSON.stringify({ [`127.0.0.1:${sshd.port}`]: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }))
    const r = await cli('status', ...remote())
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/The key of 127\.0\.0\.1:\d+ has changed .* someone is intercepting the connection/)
  })

  it('a key the server does not accept gets a clear message', async () => {
    const known = join(m.backups, 'known_hosts.json')
    mkdirSync(m.backups, { recursive: true, mode: 0o700 })
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
