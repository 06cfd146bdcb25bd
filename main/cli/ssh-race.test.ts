import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalHost } from '../core/host/local'
import { KnownHosts, SshHost, type SudoChoice } from '../core/host/ssh'
// @ts-expect-error: a plain .mjs helper shared with the Playwright specs
import { sshdAvailable, startSshd, sudoAvailable, withPasswdLock } from '../../scripts/test-sshd.mjs'
import { SIGNED_IN, SIGNED_OUT } from '../../test/support/temp'

/**
 * Issue 23 item 1: root over SSH never acts by path inside a folder a less privileged user can
 * write. A racer running as the data folder's owner swaps every new entry in it (or the data
 * folder itself, or a parent it owns) for a symlink to something root owns, while root resets and
 * restores through every sudo role. The root-owned things must keep owner, mode and bytes, and
 * every write either lands exactly or is refused with the original in place.
 */
const RACER = `
const fs = require('fs'), path = require('path')
const [mode, dir, parent, secret, rootDir, logFile] = process.argv.slice(2)
const log = (line) => fs.appendFileSync(logFile, line + '\\n')
const known = new Set(fs.readdirSync(dir))
let n = 0
if (mode === 'entries') {
  // Every new entry: moved aside and replaced by a link to root's file, at once.
  fs.watch(dir, (_, name) => {
    if (!name || known.has(name)) return
    known.add(name)
    try { fs.renameSync(path.join(dir, name), path.join(dir, '.raced-' + n)); fs.symlinkSync(secret, path.join(dir, name)); known.add('.raced-' + n); n++; log('swap ' + name) } catch {}
  })
} else {
  // The data folder, then its parent, turned into a link to root's folder and back, over and over.
  const targets = [dir, parent]
  let swapped = null
  const back = () => { if (!swapped) return; try { fs.unlinkSync(swapped); fs.renameSync(swapped + '.real', swapped) } catch {} swapped = null }
  const flip = () => {
    if (swapped) back()
    else { const t = targets[n % 2]; try { fs.renameSync(t, t + '.real'); fs.symlinkSync(rootDir, t); swapped = t; n++; log('swap ' + t) } catch {} }
    setTimeout(flip, 1)
  }
  setTimeout(flip, 1)
  process.on('SIGTERM', () => { back(); process.exit(0) })
}
process.on('SIGTERM', () => process.exit(0))
process.stdout.write('ready\\n')
`

interface Sshd {
  port: number
  key: string
  fingerprint: string
  users: { nopasswd: string; password: string; notInSudoers: string; noSudo: string }
  sudoPassword: string
  stop(): void
}

const idOf = (flag: '-u' | '-g', user: string) => Number(execFileSync('id', [flag, user], { encoding: 'utf8' }))
const snapshot = (p: string) => {
  const s = lstatSync(p)
  return { uid: s.uid, gid: s.gid, mode: s.mode, bytes: s.isFile() ? readFileSync(p).toString('hex') : null, names: s.isDirectory() ? readdirSync(p).sort() : null }
}

describe.skipIf(!((sshdAvailable as () => boolean)() && (sudoAvailable as () => boolean)() && existsSync('/usr/bin/node')))('root over SSH against a racing folder owner (a real sshd, real sudo)', () => {
  let sshd: Sshd
  let base: string
  let plexUid: number
  let plexGid: number
  let racerFile: string
  beforeAll(async () => {
    sshd = (await startSshd({ PATH: '/usr/sbin:/usr/bin:/sbin:/bin' }, { users: true })) as Sshd
    plexUid = idOf('-u', sshd.users.notInSudoers)
    plexGid = idOf('-g', sshd.users.notInSudoers)
    base = mkdtempSync(join(tmpdir(), 'plex-race-'))
    chmodSync(base, 0o755)
    racerFile = join(base, 'racer.cjs')
    writeFileSync(racerFile, RACER, { mode: 0o644 })
  }, 60_000)
  afterAll(() => {
    sshd?.stop()
    if (base) rmSync(base, { recursive: true, force: true })
  })

  /** A fresh machine: root's file and folder, and the owner's home and data folder beside them. */
  function layout(tag: string) {
    const root = join(base, tag)
    mkdirSync(root, { mode: 0o755 })
    chmodSync(root, 0o755)
    const secret = join(root, 'secret')
    writeFileSync(secret, 'root only\n', { mode: 0o640 })
    const rootDir = join(root, 'rootdir')
    mkdirSync(rootDir, { mode: 0o755 })
    writeFileSync(join(rootDir, 'keep'), 'root keeps\n', { mode: 0o644 })
    const parent = join(root, 'plexhome')
    const dir = join(parent, 'data')
    mkdirSync(dir, { recursive: true, mode: 0o755 })
    const file = join(dir, 'Preferences.xml')
    writeFileSync(file, SIGNED_IN, { mode: 0o600 })
    const log = join(root, 'swaps.log')
    writeFileSync(log, '')
    for (const p of [parent, dir, file, log]) chownSync(p, plexUid, plexGid)
    return { root, secret, rootDir, parent, dir, file, log }
  }

  async function racer(mode: 'entries' | 'folders', l: ReturnType<typeof layout>): Promise<ChildProcess> {
    const child = spawn('/usr/bin/node', [racerFile, mode, l.dir, l.parent, l.secret, l.rootDir, l.log], { uid: plexUid, gid: plexGid, stdio: ['ignore', 'pipe', 'inherit'] })
    await new Promise<void>((resolve, reject) => {
      child.stdout!.once('data', () => resolve())
      child.once('exit', (code) => reject(new Error(`racer exited ${code}`)))
      child.once('error', reject)
    })
    return child
  }
  const stopRacer = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })

  const connect = (user: string, sudo: SudoChoice | null) =>
    SshHost.connect({ user, host: '127.0.0.1', port: sshd.port }, { privateKey: readFileSync(sshd.key) }, new KnownHosts(new LocalHost(), join(base, `known-${user}.json`)), sshd.fingerprint, { sudo })

  const roles: Array<[string, () => { user: string; sudo: SudoChoice | null; tcsh?: boolean }]> = [
    ['root@ login', () => ({ user: 'root', sudo: null })],
    ['sudo NOPASSWD', () => ({ user: sshd.users.nopasswd, sudo: {} })],
    ['sudo with a password', () => ({ user: sshd.users.password, sudo: { password: sshd.sudoPassword } })],
    ['sudo NOPASSWD from a tcsh login shell', () => ({ user: sshd.users.nopasswd, sudo: {}, tcsh: true })]
  ]

  // 3-15 s per role here (measured 3.2-12.2 s over two runs; 5 tries of a copy, a reset and a restore, in both racer modes).
  it.each(roles)('%s: reset, the copy beside it and restore, 5 tries against each racer', async (_, role) => {
    const { user, sudo, tcsh } = role()
    if (tcsh) withPasswdLock('usermod', ['-s', '/bin/tcsh', user])
    const host = await connect(user, sudo)
    try {
      for (const mode of ['entries', 'folders'] as const) {
        let swaps = 0
        for (let t = 0; t < 5; t++) {
          const l = layout(`${user}-${mode}-${t}-${Date.now()}`)
          const guarded = () => [snapshot(l.secret), snapshot(l.rootDir), snapshot(join(l.rootDir, 'keep'))]
          const before = guarded()
          const steps: Array<[string, () => Promise<void>, string]> = [
            ['copy', () => host.writeNewFile(join(l.dir, 'Preferences.xml.plex-reclaim-x.bak'), Buffer.from(SIGNED_IN), 0o600), SIGNED_IN],
            ['reset', () => host.writeFileAtomic(l.file, Buffer.from(SIGNED_OUT), { mode: 0o600, uid: plexUid, gid: plexGid }), SIGNED_OUT],
            ['restore', () => host.writeFileAtomic(l.file, Buffer.from(SIGNED_IN), { mode: 0o600, uid: plexUid, gid: plexGid }), SIGNED_IN]
          ]
          let expected = SIGNED_IN
          for (const [step, run, wanted] of steps) {
            const r = await racer(mode, l)
            const ok = await run().then(() => true, () => false)
            await stopRacer(r)
            expect(guarded(), `${mode} try ${t} ${step}: root's things untouched`).toEqual(before)
            if (step === 'copy') continue
            // Finished with the right file, or refused with the one before in place.
            const now = lstatSync(l.file)
            expect({ step, file: now.isFile(), owner: [now.uid, now.gid, now.mode & 0o7777], bytes: readFileSync(l.file, 'utf8') }).toEqual({ step, file: true, owner: [plexUid, plexGid, 0o600], bytes: ok ? wanted : expected })
            if (ok) expected = wanted
          }
          swaps += readFileSync(l.log, 'utf8').split('\n').filter((x) => x.startsWith('swap')).length
        }
        expect(swaps, `${mode}: the racer swapped`).toBeGreaterThan(0)
      }
    } finally {
      host.close()
      if (tcsh) withPasswdLock('usermod', ['-s', '/bin/sh', user])
    }
  }, 180_000)

  it('a root:root file in the owner\'s folder is refused (typed), never written as root', async () => {
    const l = layout(`rootfile-${Date.now()}`)
    chownSync(l.file, 0, 0)
    const host = await connect('root', null)
    try {
      await expect(host.writeFileAtomic(l.file, Buffer.from(SIGNED_OUT), { mode: 0o600, uid: 0, gid: 0 })).rejects.toMatchObject({ code: 'OWNERSHIP_NOT_KEPT' })
      expect(readFileSync(l.file, 'utf8')).toBe(SIGNED_IN)
      expect(statSync(l.file)).toMatchObject({ uid: 0, gid: 0 })
    } finally {
      host.close()
    }
  }, 30_000)
})
