import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { connect, createServer, type Socket } from 'node:net'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BackupStore } from '../core/backups/store'
import { LocalHost } from '../core/host/local'
import { KnownHosts, SshHost } from '../core/host/ssh'
import { JournalStore, runsDirOf } from '../core/engine/journal'
import { readIdentity } from '../core/server/identity'
import { TEST_CLI as CLI, linuxServer, type LinuxServer } from '../../test/support/linux-server'
import { testHooks } from '../../test/support/cli-hooks'
// @ts-expect-error: a plain .mjs helper shared with the Playwright specs
import { bareLoginDepth, sshdAvailable, startRelay, startSshd, sudoAvailable } from '../../scripts/test-sshd.mjs'
import { SIGNED_IN, SIGNED_OUT } from '../../test/support/temp'
import { runCli } from './run'
import { serverAnswers } from '../../test/support/until'

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (s) => void out.push(s), err: (s) => void err.push(s) }, testHooks())
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

interface Relay {
  port: number
  roundTrips(): number
  reset(): void
  close(): void
}

/** The "remote" server is this machine reached through a real sshd on loopback. */
describe.skipIf(!(sshdAvailable as () => boolean)())('the CLI over SSH (a real OpenSSH server on loopback)', () => {
  let m: LinuxServer
  let sshd: { port: number; key: string; fingerprint: string; stop(): void }
  const remote = () => ['--host', `root@127.0.0.1:${sshd.port}`, '--identity', sshd.key, '--root', m.root, '--backup-dir', m.backups, '--port', String(m.port)]

  /** The server's key as already confirmed: for the tests that are not about host keys. */
  const trusted = () => writeFileSync(join(m.backups, 'known_hosts.json'), JSON.stringify({ [`127.0.0.1:${sshd.port}`]: sshd.fingerprint }))
  /** Each test starts from its own server state and a confirmed key, whatever ran before it (or did not). */
  const serverWith = async (settings: string) => {
    trusted()
    m.systemctl('stop', 'plexmediaserver')
    writeFileSync(m.preferences, settings)
    m.systemctl('start', 'plexmediaserver')
    await serverAnswers(m.port)
  }

  beforeAll(async () => {
    m = await linuxServer({ startDelayMs: 20, stopDelayMs: 20 })
    m.systemctl('start', 'plexmediaserver')
    await serverAnswers(m.port)
    // The stand-ins' folders are first on this test's PATH; the SSH session gets the same PATH.
    sshd = await startSshd({ PATH: process.env.PATH!, STANDIN_SYSTEMD_DIR: m.systemdDir })
  }, 30_000)
  afterAll(async () => {
    sshd?.stop()
    await m?.dispose()
  })

  it('refuses an unknown host key until its fingerprint is confirmed, and names it', async () => {
    rmSync(join(m.backups, 'known_hosts.json'), { force: true })
    const r = await cli('status', ...remote())
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`its key fingerprint is ${sshd.fingerprint}`)
    expect(r.stderr).toContain(`--accept-host-key ${sshd.fingerprint}`)
  })

  it('status over SSH: the token is read on the server through the session and asked of plex.tv, never printed', async () => {
    await serverWith(SIGNED_IN)
    m.plexTv.mintClaimToken({ username: 'kate', email: 'kate@example.com', authToken: 'SECRETtoken123456789' })
    const r = await cli('status', '--json', '--accept-host-key', sshd.fingerprint, ...remote())
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).signIn).toEqual({ state: 'valid', username: 'kate' })
    expect(r.stdout).not.toContain('SECRETtoken123456789')
    m.plexTv.revokeToken('SECRETtoken123456789')
    expect(JSON.parse((await cli('status', '--json', ...remote())).stdout).signIn).toEqual({ state: 'revoked' })
  }, 60_000)

  it('reset over SSH: the remote file edited exactly, the backup kept here, the server running unclaimed', async () => {
    await serverWith(SIGNED_IN)
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
    await serverWith(SIGNED_OUT)
    const token = m.plexTv.mintClaimToken({ username: 'kate_new' })
    const r = await cli('claim', '--token', token, '--accept-host-key', sshd.fingerprint, ...remote())
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/signed in as kate_new/)
    expect(await readIdentity(m.port)).toMatchObject({ claimed: true })
  }, 30_000)

  it('a connection dropped in the middle of a run leaves the file original or final, and resume finishes it', async () => {
    // The CLI reaches sshd through a TCP relay, which the test cuts once the server is stopped.
    // Stop first: the server writes its (claimed) settings back as it stops.
    m.systemctl('stop', 'plexmediaserver')
    writeFileSync(m.preferences, SIGNED_IN)
    m.systemctl('start', 'plexmediaserver')
    await serverAnswers(m.port)
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
    const args = (cmd: string[]) => [CLI, ...cmd, '--host', `root@127.0.0.1:${relayPort}`, '--identity', sshd.key, '--root', m.root, '--backup-dir', m.backups, '--port', String(m.port)]
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

  it('an invalid known hosts file is a refusal, never "first connection"', async () => {
    const known = join(m.backups, 'known_hosts.json')
    mkdirSync(m.backups, { recursive: true, mode: 0o700 })
    writeFileSync(known, '{"127.0.0.1:22": "not a fingerprint"}')
    const r = await cli('status', '--accept-host-key', sshd.fingerprint, ...remote())
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/known hosts file .*known_hosts\.json does not hold host keys in the expected form\. Remove it/)
    expect(readFileSync(known, 'utf8')).toBe('{"127.0.0.1:22": "not a fingerprint"}')
    writeFileSync(known, JSON.stringify({ [`127.0.0.1:${sshd.port}`]: sshd.fingerprint }))
  })

  it('round trips beyond a bare login, counted through a relay: detect at most 5, reset --file --no-service at most 10', async () => {
    m.systemctl('stop', 'plexmediaserver')
    writeFileSync(m.preferences, SIGNED_IN)
    // 25 ms each way, as the bench: without a delay the relay's causal depth follows the machine's
    // load (a window adjust overtaking the next chunk of an answer), with one it follows the protocol.
    const relay = (await startRelay(sshd.port, { delayMs: 25 })) as Relay
    try {
      const via = ['--host', `root@127.0.0.1:${relay.port}`, '--identity', sshd.key, '--accept-host-key', sshd.fingerprint, '--backup-dir', m.backups]
      const bare = (await bareLoginDepth(relay, sshd.key)) as number
      // Noise only ever adds depth: each figure is the smallest of a few runs.
      let detect = Infinity
      for (let attempt = 0; attempt < 3 && detect > 5; attempt++) {
        relay.reset()
        const d = await cli('detect', '--root', m.root, '--json', ...via)
        expect(d.code).toBe(0)
        expect(JSON.parse(d.stdout)).toHaveLength(1)
        detect = Math.min(detect, relay.roundTrips() - bare)
      }
      let reset = Infinity
      for (let attempt = 0; attempt < 3 && reset > 10; attempt++) {
        writeFileSync(m.preferences, SIGNED_IN)
        relay.reset()
        const r = await cli('reset', '--file', m.preferences, '--no-service', '--yes', ...via)
        expect(r.stderr).toBe('')
        expect(m.read()).toBe(SIGNED_OUT)
        reset = Math.min(reset, relay.roundTrips() - bare)
      }
      process.stdout.write(`round trips ${JSON.stringify({ bare, detect, reset })}\n`)
      // Issue 27's targets; measured 4 and 7 with the command worker (6 and 18 before it, in the bench).
      expect({ detect: detect <= 5, reset: reset <= 10, figures: { bare, detect, reset } }).toMatchObject({ detect: true, reset: true })
    } finally {
      relay.close()
    }
  }, 60_000)

  it('the full service reset at most 18 round trips beyond a bare login: the server waits a 1 s stop and a 2 s start itself, counted through a 50 ms relay', async () => {
    // The server takes many round trips to stop and start, so polling over the link would show.
    const unit = join(m.systemdDir, 'plexmediaserver.service.json')
    const saved = readFileSync(unit, 'utf8')
    const slow = JSON.parse(saved) as { command: string[] }
    const set = (flag: string, ms: string) => void (slow.command[slow.command.indexOf(flag) + 1] = ms)
    set('--start-delay-ms', '2000')
    set('--stop-delay-ms', '1000')
    const relay = (await startRelay(sshd.port, { delayMs: 25 })) as Relay
    try {
      const bare = (await bareLoginDepth(relay, sshd.key)) as number
      writeFileSync(unit, JSON.stringify(slow))
      mkdirSync(m.backups, { recursive: true, mode: 0o700 })
      await serverWith(SIGNED_IN)
      const known = join(m.backups, 'known_hosts.json')
      writeFileSync(known, JSON.stringify({ [`127.0.0.1:${sshd.port}`]: sshd.fingerprint, [`127.0.0.1:${relay.port}`]: sshd.fingerprint }))
      relay.reset()
      const r = await cli('reset', '--yes', '--host', `root@127.0.0.1:${relay.port}`, '--identity', sshd.key, '--root', m.root, '--backup-dir', m.backups, '--port', String(m.port))
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(m.read()).toBe(SIGNED_OUT)
      const full = relay.roundTrips() - bare
      process.stdout.write(`full reset round trips beyond a bare login ${full}\n`)
      // Issue 27's target. Measured 15 with the command worker and the server's own looks; 48 when
      // each command had a channel of its own, 78 when each wait polled over the link.
      expect({ full: full <= 18, figures: { bare, full } }).toMatchObject({ full: true })
    } finally {
      relay.close()
      writeFileSync(unit, saved)
      m.systemctl('stop', 'plexmediaserver')
      m.systemctl('start', 'plexmediaserver')
      await serverAnswers(m.port)
    }
  }, 90_000)

  describe.skipIf(!(sudoAvailable as () => boolean)())('real sudo (Debian\'s sudo, real users)', () => {
    type Users = { nopasswd: string; password: string; notInSudoers: string; noSudo: string }
    let withSftp: Sshd
    let withoutSftp: Sshd
    type Sshd = { port: number; key: string; fingerprint: string; users: Users; sudoPassword: string; sudoLog: string; stop(): void }
    beforeAll(async () => {
      withSftp = (await startSshd({ PATH: process.env.PATH!, STANDIN_SYSTEMD_DIR: m.systemdDir }, { users: true })) as Sshd
      withoutSftp = (await startSshd({ PATH: process.env.PATH!, STANDIN_SYSTEMD_DIR: m.systemdDir }, { users: true, sftp: false })) as Sshd
    }, 60_000)
    afterAll(() => {
      withSftp?.stop()
      withoutSftp?.stop()
    })
    const as = (s: Sshd, user: string) => ['--host', `${user}@127.0.0.1:${s.port}`, '--identity', s.key, '--accept-host-key', s.fingerprint, '--backup-dir', m.backups, '--sudo']
    /** The built CLI, with the typed lines on its standard input. */
    const built = (args: string[], input: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
        let stdout = ''
        let stderr = ''
        child.stdout.on('data', (c) => (stdout += c))
        child.stderr.on('data', (c) => (stderr += c))
        child.once('close', (code) => resolve({ code, stdout, stderr }))
        child.stdin.end(input)
      })
    const filesUnder = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []))
    const stopped = () => {
      m.systemctl('stop', 'plexmediaserver')
      writeFileSync(m.preferences, SIGNED_IN)
    }

    /** reset --file then restore of its backup, each over SSH with sudo: exact bytes, owner and mode kept. */
    async function resetAndRestore(s: Sshd, user: string, typed: string) {
      stopped()
      const before = statSync(m.preferences)
      const reset = await built(['reset', '--file', m.preferences, '--no-service', '--yes', '--json', ...as(s, user)], typed)
      expect(reset.stderr).toBe('')
      expect(reset.code).toBe(0)
      expect(m.read()).toBe(SIGNED_OUT)
      const after = statSync(m.preferences)
      expect([after.uid, after.gid, after.mode]).toEqual([before.uid, before.gid, before.mode])
      const id = (JSON.parse(reset.stdout) as { backup: { id: string } }).backup.id
      const restore = await built(['restore', id, '--no-service', '--yes', ...as(s, user)], typed)
      expect(restore.stderr).toBe('')
      expect(restore.code).toBe(0)
      expect(m.read()).toBe(SIGNED_IN)
    }

    it('NOPASSWD, a password typed anyway: reset and restore leave exactly the expected bytes, and the password reaches no file', async () => {
      await resetAndRestore(withSftp, withSftp.users.nopasswd, `${withSftp.sudoPassword}\n`)
      for (const file of [...filesUnder(m.root), ...filesUnder(m.backups)]) expect(readFileSync(file, 'utf8').includes(withSftp.sudoPassword), file).toBe(false)
    }, 60_000)

    it('NOPASSWD without a password (sudo chosen, nothing typed)', async () => {
      await resetAndRestore(withSftp, withSftp.users.nopasswd, '')
    }, 60_000)

    it('root with --sudo', async () => {
      await resetAndRestore(withSftp, 'root', '')
    }, 60_000)

    it.each([
      ['offers SFTP', () => withSftp, true],
      ['offers no SFTP (a fixed shell command carries the bytes)', () => withoutSftp, false]
    ])('a sudo that asks for a password, on a server that %s: reset and restore exact', async (_, server, sftp) => {
      const s = server()
      await resetAndRestore(s, s.users.password, `${s.sudoPassword}\n`)
      const host = await SshHost.connect({ user: s.users.password, host: '127.0.0.1', port: s.port }, { privateKey: readFileSync(s.key) }, new KnownHosts(new LocalHost(), join(m.root, 'sudo-known.json')), s.fingerprint, { sudo: { password: s.sudoPassword } })
      try {
        const file = join(m.root, 'staged.txt')
        await host.writeFileAtomic(file, Buffer.from('bytes\nwith lines\n'), { mode: 0o640, uid: 0, gid: 0 })
        expect(readFileSync(file, 'utf8')).toBe('bytes\nwith lines\n')
        expect(statSync(file).mode & 0o777).toBe(0o640)
        expect(host.stagedThroughSftp).toBe(sftp)
      } finally {
        host.close()
      }
    }, 60_000)

    it('a sudo that asks for a password: the full reset (stop, edit, start) through sudo', async () => {
      stopped()
      m.systemctl('start', 'plexmediaserver')
      await serverAnswers(m.port)
      const s = withSftp
      const r = await built(['reset', '--yes', '--root', m.root, '--port', String(m.port), ...as(s, s.users.password)], `${s.sudoPassword}\n`)
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(m.read()).toBe(SIGNED_OUT)
      expect(await readIdentity(m.port)).toMatchObject({ claimed: false })
    }, 90_000)

    it.each([
      ['a wrong password', (s: Sshd) => s.users.password, 'not the password', /sudo on 127\.0\.0\.1 did not accept that password\. Type it again \(it is not stored\)/],
      ['no password where sudo asks for one', (s: Sshd) => s.users.password, '', /sudo on 127\.0\.0\.1 asks for prp-\w+'s password\. Type it/],
      ['a user not in sudoers', (s: Sshd) => s.users.notInSudoers, 'RIGHT', /prx-\w+ may not use sudo on 127\.0\.0\.1\. Ask its administrator/],
      ['a server without sudo', (s: Sshd) => s.users.noSudo, 'RIGHT', /127\.0\.0\.1 has no sudo\. Log in as root/]
    ])('%s gets its own message, and nothing is written', async (_, user, typed, message) => {
      stopped()
      const s = withSftp
      const r = await built(['reset', '--file', m.preferences, '--no-service', '--yes', ...as(s, user(s))], typed === 'RIGHT' ? `${s.sudoPassword}\n` : typed ? `${typed}\n` : '')
      expect(r.stderr).toMatch(message)
      expect(r.code).toBe(1)
      expect(m.read()).toBe(SIGNED_IN)
      if (typed === 'not the password') {
        // sudo asks up to three times: only the typed line may reach it as a try.
        const log = readFileSync(s.sudoLog, 'utf8')
        expect(log).toMatch(/1 incorrect password attempt/)
        expect(log).not.toMatch(/[23] incorrect password attempts/)
      }
    }, 60_000)
  })
})
