import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REAL_WORLD_DIR, expectedAfterReset } from '../../test/support/fixtures'
import { linuxServer, type LinuxServer } from '../../test/support/linux-server'
import { SIGNED_IN, SIGNED_OUT, tempDir } from '../../test/support/temp'
import { readIdentity } from '../../main/core/server/identity'
// @ts-expect-error: a plain .mjs helper shared with the Playwright specs
import { sshdAvailable, startSshd } from '../test-sshd.mjs'
import { appVersion, buildCli, releaseBundle, runEmpty, sha256File, type BuiltCli } from './built'
import { serverAnswers } from '../../test/support/until'

// The Linux x64 single executable, run the way a NAS owner runs it: from an empty folder, with an
// empty environment (env -i), so no node, no node_modules and no PATH.
const linux = process.platform === 'linux' && process.arch === 'x64'

describe.skipIf(!linux)('the Linux x64 single executable (env -i, no node on PATH)', () => {
  let cli: BuiltCli
  let exe: string
  let empty: string
  beforeAll(() => {
    cli = buildCli()
    exe = cli.file('linux-x64')
    empty = tempDir('cli-empty')
  }, 600_000)

  it('is an executable file whose sha256 is the one SHA256SUMS gives, and carries the release bundle', () => {
    expect(statSync(exe).mode & 0o111).toBe(0o111)
    expect(sha256File(exe)).toBe(cli.sums.get(`plex-reclaim-${appVersion()}-linux-x64`))
    const bytes = readFileSync(exe)
    // The fuse flipped by postject and the script itself inside the binary: nothing is read from disk.
    expect(bytes.includes('NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1')).toBe(true)
    expect(bytes.includes(releaseBundle())).toBe(true)
  })

  it('the bundle requires only Node\'s built-in modules and has no dynamic import', () => {
    const code = releaseBundle().toString('utf8')
    const required = new Set([...code.matchAll(/\brequire\((["'`])([^"'`]+)\1\)/g)].map((m) => m[2]!))
    expect([...required].filter((name) => !builtinModules.includes(name.replace(/^node:/, '')))).toEqual([])
    expect(code).not.toMatch(/\bimport\(/)
  })

  it('--version prints the version', () => {
    const r = runEmpty(empty, [exe], ['--version'])
    expect(r).toEqual({ code: 0, stdout: `${appVersion()}\n`, stderr: '' })
  })

  it('detect --root EMPTY --json prints []', () => {
    const r = runEmpty(empty, [exe], ['detect', '--root', empty, '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual([])
  })

  it('reset --file F --no-service --yes --backup-dir B: every real-world fixture ends as the exact expected bytes', () => {
    // 40- has a duplicate attribute and is refused (main/cli/run.test.ts covers that).
    const names = readdirSync(REAL_WORLD_DIR).filter((n) => n.endsWith('.xml') && !n.startsWith('40-'))
    expect(names.length).toBeGreaterThan(10)
    let changed = 0
    for (const name of names) {
      const dir = tempDir('cli-reset')
      mkdirSync(join(dir, 'data'))
      const file = join(dir, 'data', 'Preferences.xml')
      copyFileSync(join(REAL_WORLD_DIR, name), file)
      const original = readFileSync(file)
      const r = runEmpty(empty, [exe], ['reset', '--file', file, '--no-service', '--yes', '--backup-dir', join(dir, 'backups')])
      expect(r.stderr, name).toBe('')
      expect(r.code, name).toBe(0)
      const expected = expectedAfterReset(original)
      expect(readFileSync(file).equals(expected), name).toBe(true)
      if (!expected.equals(original)) {
        changed += 1
        expect(r.stdout, name).toMatch(/^Removed PlexOnline/m)
      }
    }
    expect(changed).toBeGreaterThan(5)
  })

  describe.skipIf(!(sshdAvailable as () => boolean)())('--host: a reset over SSH against a real OpenSSH server on loopback', () => {
    let m: LinuxServer
    let sshd: { port: number; key: string; fingerprint: string; stop(): void }
    beforeAll(async () => {
      m = await linuxServer({ startDelayMs: 20, stopDelayMs: 20 })
      m.systemctl('start', 'plexmediaserver')
      await serverAnswers(m.port)
      sshd = await startSshd({ PATH: process.env.PATH!, STANDIN_SYSTEMD_DIR: m.systemdDir })
    }, 30_000)
    afterAll(async () => {
      sshd?.stop()
      await m?.dispose()
    })

    it('removes the four keys on the server, keeps the backup here, and the server runs unclaimed', async () => {
      const local = tempDir('cli-ssh-local')
      const backups = join(local, 'backups')
      const r = runEmpty(empty, [exe], ['reset', '--yes', '--host', `root@127.0.0.1:${sshd.port}`, '--identity', sshd.key, '--accept-host-key', sshd.fingerprint, '--root', m.root, '--backup-dir', backups, '--port', String(m.port)])
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(m.read()).toBe(SIGNED_OUT)
      // The verified backup is on this side, holding the original bytes.
      const payloads = readdirSync(backups, { recursive: true, encoding: 'utf8' }).map((f) => join(backups, f)).filter((f) => statSync(f).isFile())
      expect(payloads.some((f) => readFileSync(f, 'utf8') === SIGNED_IN)).toBe(true)
      expect(await readIdentity(m.port)).toMatchObject({ claimed: false })
    }, 60_000)
  })
})
