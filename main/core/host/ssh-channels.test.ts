import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs helper shared with the Playwright specs
import { sshdAvailable, startSshd, sudoAvailable, withPasswdLock } from '../../../scripts/test-sshd.mjs'
import { SIGNED_IN, layOut, tempDir } from '../../../test/support/temp'
import { detectInstallations } from '../detect/index'
import { LocalHost } from './local'
import { KnownHosts, SshHost, type SudoChoice } from './ssh'

interface Sshd {
  port: number
  key: string
  fingerprint: string
  users?: { nopasswd: string; password: string; notInSudoers: string; noSudo: string }
  sudoPassword?: string
  stop(): void
}

const userCommand = withPasswdLock as (program: string, args: string[]) => void
const DATA = 'var/lib/plexmediaserver/Library/Application Support/Plex Media Server'
const BSD_STAT = join(import.meta.dirname, '..', '..', '..', 'test', 'standins', 'bsd')

/** A machine with Plex's .deb laid out under a temp root. */
function machine(): string {
  const root = tempDir('plex-ssh-machine')
  layOut(root, { 'usr/lib/plexmediaserver/': '', 'lib/systemd/system/plexmediaserver.service': '[Unit]\n', [`${DATA}/Preferences.xml`]: SIGNED_IN })
  return root
}

const connect = (sshd: Sshd, user = 'root', sudo: SudoChoice | null = null) =>
  SshHost.connect({ user, host: '127.0.0.1', port: sshd.port }, { privateKey: readFileSync(sshd.key) }, new KnownHosts(new LocalHost(), join(tempDir(), 'known.json')), sshd.fingerprint, { sudo })

describe.skipIf(!(sshdAvailable as () => boolean)())('SSH channels (a real OpenSSH server on loopback)', () => {
  const started: Sshd[] = []
  const start = async (env: Record<string, string>, options: object = {}): Promise<Sshd> => {
    const s = (await startSshd(env, options)) as Sshd
    started.push(s)
    return s
  }
  let root: string
  beforeAll(() => {
    root = machine()
  })
  afterAll(() => {
    for (const s of started) s.stop()
  })

  it('50 detections in a row with the default session limit: no failure, always the same answer', async () => {
    const sshd = await start({ PATH: '/usr/bin:/bin' })
    const host = await connect(sshd)
    try {
      const first = await detectInstallations({ host, root, docker: false })
      expect(first.map((i) => i.store)).toEqual([{ kind: 'preferences-xml', path: join(root, DATA, 'Preferences.xml'), dataDir: join(root, DATA) }])
      expect(first[0]!.account?.username).toBe('kate')
      for (let i = 0; i < 49; i++) expect(await detectInstallations({ host, root, docker: false })).toEqual(first)
      // Many commands at once never exceed the server's limit either.
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => host.lstat(`/nonexistent/${i}`)))
      expect(results).toEqual(Array(40).fill(null))
    } finally {
      host.close()
    }
  }, 300_000)

  it.skipIf(!(sudoAvailable as () => boolean)())('a refused channel is an error, never "not found", an empty listing or "not running"', async () => {
    // MaxSessions 1, and the SFTP session that carries sudo's file bytes keeps the only slot: the
    // server refuses every command channel after it.
    const sshd = await start({ PATH: '/usr/bin:/bin' }, { users: true, maxSessions: 1 })
    const host = await connect(sshd, sshd.users!.password, { password: sshd.sudoPassword! })
    try {
      await expect(host.writeFileAtomic(join(root, 'refused.txt'), Buffer.from('x'))).rejects.toMatchObject({ code: 'SSH_CHANNEL_FAILED', message: expect.stringMatching(/refused a new SSH channel .* Nothing was concluded from it/) })
      await expect(host.lstat(join(root, 'nothing-here'))).rejects.toMatchObject({ code: 'SSH_CHANNEL_FAILED' })
      await expect(host.readdir(root)).rejects.toMatchObject({ code: 'SSH_CHANNEL_FAILED' })
      await expect(host.processAlive(1)).rejects.toMatchObject({ code: 'SSH_CHANNEL_FAILED' })
      await expect(detectInstallations({ host, root, docker: false })).rejects.toMatchObject({ code: 'SSH_CHANNEL_FAILED' })
    } finally {
      host.close()
    }
  }, 60_000)

  it('a BSD-style stat (FreeBSD, TrueNAS CORE) on the SSH user\'s PATH: file facts and detection work', async () => {
    const sshd = await start({ PATH: `${BSD_STAT}:${dirname(process.execPath)}:/usr/bin:/bin` })
    const host = await connect(sshd)
    try {
      const file = join(root, DATA, 'Preferences.xml')
      chmodSync(file, 0o640)
      const info = await host.lstat(file)
      const local = statSync(file)
      expect(info).toMatchObject({ isFile: true, size: Buffer.byteLength(SIGNED_IN), mode: 0o640, uid: local.uid, gid: local.gid })
      expect(await host.lstat(join(root, 'nothing-here'))).toBeNull()
      const found = await detectInstallations({ host, root, docker: false })
      expect(found.map((i) => i.account?.username)).toEqual(['kate'])
    } finally {
      host.close()
    }
  }, 60_000)

  it.skipIf(!(sudoAvailable as () => boolean)())('MaxSessions 2: an SFTP session for sudo\'s file bytes plus one command at a time still works', async () => {
    const sshd = await start({ PATH: '/usr/bin:/bin' }, { users: true, maxSessions: 2 })
    const host = await connect(sshd, sshd.users!.password, { password: sshd.sudoPassword! })
    try {
      const file = join(root, 'two-sessions.txt')
      await Promise.all([host.writeFileAtomic(file, Buffer.from('one\n'), { mode: 0o600 }), detectInstallations({ host, root, docker: false })])
      expect(host.stagedThroughSftp).toBe(true)
      expect(readFileSync(file, 'utf8')).toBe('one\n')
      const found = await Promise.all(Array.from({ length: 5 }, () => detectInstallations({ host, root, docker: false })))
      expect(found.map((f) => f.length)).toEqual([1, 1, 1, 1, 1])
    } finally {
      host.close()
    }
  }, 60_000)

  it('the worker carries commands and file bytes; a program\'s input (a claim token for curl) and the sudo password never go on its stream', async () => {
    const sshd = await start({ PATH: '/usr/bin:/bin' })
    const host = await connect(sshd)
    // The parent of the command: the worker's sh, or sshd for a channel of its own.
    const parent = 'cat >/dev/null; ps -o comm= -p $PPID'
    try {
      expect((await host.exec('sh', ['-c', parent])).stdout.trim()).toBe('sh')
      expect((await host.exec('sh', ['-c', parent], { input: 'token=secret' })).stdout.trim()).toMatch(/^sshd/)
      expect((await host.exec('sh', ['-c', parent])).stdout.trim()).toBe('sh')
    } finally {
      host.close()
    }
  }, 30_000)

  it('a FIFO is refused without being opened (type checked first, read bounded)', async () => {
    const sshd = await start({ PATH: '/usr/bin:/bin' })
    const host = await connect(sshd)
    try {
      const fifo = join(root, 'plexmediaserver.pid')
      execFileSync('mkfifo', [fifo])
      await expect(host.readFile(fifo)).rejects.toMatchObject({ code: 'SPECIAL_FILE', message: expect.stringMatching(/is a named pipe \(FIFO\), not a regular file/) })
    } finally {
      host.close()
    }
  }, 30_000)

  it('readFile honours the Host contract as LocalHost does: noFollow, maxBytes, special files, folders', async () => {
    const sshd = await start({ PATH: '/usr/bin:/bin' })
    const host = await connect(sshd)
    const local = new LocalHost()
    const dir = tempDir('plex-ssh-read')
    writeFileSync(join(dir, 'file'), 'twelve bytes')
    symlinkSync(join(dir, 'file'), join(dir, 'link'))
    execFileSync('mkfifo', [join(dir, 'fifo')])
    const outcome = (p: Promise<Buffer>) => p.then((b) => ({ bytes: b.toString() }), (e: { code?: string }) => ({ code: e.code }))
    try {
      const cases: Array<[string, { maxBytes?: number; noFollow?: boolean }]> = [
        ['file', {}], ['file', { maxBytes: 11 }], ['file', { maxBytes: 12 }], ['link', {}], ['link', { noFollow: true }], ['fifo', {}], ['.', {}], ['missing', {}]
      ]
      for (const [name, options] of cases) {
        expect({ name, options, ...(await outcome(host.readFile(join(dir, name), options))) }).toEqual({ name, options, ...(await outcome(local.readFile(join(dir, name), options))) })
      }
    } finally {
      host.close()
    }
  }, 30_000)

  it('paths from the server are read exactly: a link to a name ending in a space resolves to that name, not a neighbour', async () => {
    const sshd = await start({ PATH: '/usr/bin:/bin' })
    const host = await connect(sshd)
    const dir = tempDir('plex-ssh-exact')
    writeFileSync(join(dir, 'real.xml '), 'the target\n')
    writeFileSync(join(dir, 'real.xml'), 'a neighbour\n')
    symlinkSync(join(dir, 'real.xml '), join(dir, 'Preferences.xml'))
    try {
      const real = await host.realpath(join(dir, 'Preferences.xml'))
      expect(real).toBe(join(dir, 'real.xml '))
      expect((await host.readFile(real)).toString()).toBe('the target\n')
      await host.writeFileAtomic(real, Buffer.from('edited\n'), { mode: 0o600 })
      expect([readFileSync(join(dir, 'real.xml '), 'utf8'), readFileSync(join(dir, 'real.xml'), 'utf8')]).toEqual(['edited\n', 'a neighbour\n'])
    } finally {
      host.close()
    }
  }, 30_000)

  it('Docker containers over SSH: ps and inspect come with the first batch, their settings with the next', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'plex-ssh-docker-bin-'))
    // The real dockerd cannot sit behind this sshd: a fake of the two commands detection runs, with
    // their documented output shapes (Docker CLI reference: "docker ps -aq --no-trunc" prints one
    // full id a line; "docker inspect ID" prints a JSON array of container objects).
    const fake = `const [cmd] = process.argv.slice(2); const s = JSON.parse(require('fs').readFileSync(process.env.STANDIN_DOCKER_STATE, 'utf8'));
if (cmd === 'ps') console.log(s.containers.map((c) => c.Id).join('\\n')); else if (cmd === 'inspect') console.log(JSON.stringify(s.containers)); else process.exit(1)`
    writeFileSync(join(bin, 'docker.cjs'), fake)
    writeFileSync(join(bin, 'docker'), `#!/bin/sh\nexec "${process.execPath}" "${join(bin, 'docker.cjs')}" "$@"\n`, { mode: 0o755 })
    // The mount source is a machine path, found under the detection root like every other.
    layOut(join(root, 'docker-config'), { [`Library/Application Support/Plex Media Server/Preferences.xml`]: SIGNED_IN })
    const state = join(root, 'docker-state.json')
    writeFileSync(state, JSON.stringify({ containers: [{ Id: 'c0ffee'.padEnd(64, '0'), Name: '/plex', Config: { Image: 'lscr.io/linuxserver/plex:latest' }, Mounts: [{ Source: '/docker-config', Destination: '/config' }], State: { Running: false, Pid: 0 } }] }))
    const sshd = await start({ PATH: `${bin}:/usr/bin:/bin`, STANDIN_DOCKER_STATE: state })
    const host = await connect(sshd)
    const batches: boolean[] = []
    const facts = host.facts.bind(host)
    host.facts = (paths, options) => (batches.push(options?.docker ?? false), facts(paths, options))
    try {
      const found = await detectInstallations({ host, root, docker: true })
      expect(found.map((i) => [i.installType, i.account?.username])).toContainEqual(['docker-linuxserver', 'kate'])
      expect(batches).toEqual([true, false])
    } finally {
      host.close()
    }
  }, 30_000)

  describe.skipIf(!(sudoAvailable as () => boolean)())('as a user who is not root, without sudo', () => {
    let sshd: Sshd
    let uid: number
    let dir: string
    beforeAll(async () => {
      sshd = await start({ PATH: '/usr/bin:/bin' }, { users: true })
      uid = Number(execFileSync('id', ['-u', sshd.users!.nopasswd], { encoding: 'utf8' }))
      dir = mkdtempSync(join(tmpdir(), 'plex-ssh-owner-'))
      chmodSync(dir, 0o755)
      chownSync(dir, uid, 100)
    })

    it.skipIf(!existsSync('/bin/tcsh'))('a login shell that is csh (FreeBSD\'s root before 14): scripts still run', async () => {
      userCommand('usermod', ['-s', '/bin/tcsh', sshd.users!.nopasswd])
      const host = await connect(sshd, sshd.users!.nopasswd)
      try {
        const file = join(dir, 'csh.txt')
        await host.writeFileAtomic(file, Buffer.from("it's\nfine\\n\n"), { mode: 0o600 })
        expect(readFileSync(file, 'utf8')).toBe("it's\nfine\\n\n")
        expect(await host.readFile(file)).toEqual(Buffer.from("it's\nfine\\n\n"))
        expect(await host.readdir(dir)).toContain('csh.txt')
      } finally {
        host.close()
        userCommand('usermod', ['-s', '/bin/sh', sshd.users!.nopasswd])
      }
    }, 30_000)

    it('kill -0 on another user\'s process fails with EPERM: that means alive', async () => {
      const host = await connect(sshd, sshd.users!.nopasswd)
      try {
        expect(await host.processAlive(process.pid)).toBe(true) // root runs this test
        expect(await host.processAlive(2 ** 22 + 1)).toBe(false)
      } finally {
        host.close()
      }
    }, 30_000)

    it('the edit keeps the file\'s group (one the owner belongs to besides its own)', async () => {
      const file = join(dir, 'Preferences.xml')
      writeFileSync(file, SIGNED_IN, { mode: 0o640 })
      chownSync(file, uid, 100)
      const host = await connect(sshd, sshd.users!.nopasswd)
      try {
        await host.writeFileAtomic(file, Buffer.from('new\n'), { mode: 0o640, uid, gid: 100 })
        expect(readFileSync(file, 'utf8')).toBe('new\n')
        expect(statSync(file)).toMatchObject({ uid, gid: 100, mode: 0o100640 })
      } finally {
        host.close()
      }
    }, 30_000)

    it('a group that cannot be kept is refused before anything is written', async () => {
      const file = join(dir, 'Other.xml')
      writeFileSync(file, SIGNED_IN, { mode: 0o640 })
      chownSync(file, uid, 0)
      const host = await connect(sshd, sshd.users!.nopasswd)
      try {
        await expect(host.writeFileAtomic(file, Buffer.from('new\n'), { mode: 0o640, uid, gid: 0 })).rejects.toMatchObject({ code: 'EACCES' })
        expect(readFileSync(file, 'utf8')).toBe(SIGNED_IN)
        expect(statSync(file)).toMatchObject({ uid, gid: 0 })
      } finally {
        host.close()
      }
    }, 30_000)
  })
})
