import { spawnSync } from 'node:child_process'
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SIGNED_IN, SIGNED_OUT, tempDir } from '../../../test/support/temp'

/**
 * Owner and group kept when the file's (non-root) owner runs the built CLI. A real user made with
 * useradd, the CLI run as that user with setpriv; the user and its groups are removed afterwards.
 */
const canRun = process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('useradd', ['--help']).status === 0
const suffix = randomBytes(3).toString('hex')
const user = `prt-${suffix}`
const member = `prtk-${suffix}` // a supplementary group the user is in
const stranger = `prto-${suffix}` // a group the user is not in
const built = join(import.meta.dirname, '..', '..', '..', 'out', 'node')

const run = (cmd: string, args: string[]): void => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`)
}
const idOf = (db: 'passwd' | 'group', name: string): number => Number(spawnSync('getent', [db, name], { encoding: 'utf8' }).stdout.split(':')[2])

describe.runIf(canRun)('reset --file as the non-root owner of Preferences.xml', () => {
  let uid = 0
  let cli = ''
  beforeAll(() => {
    expect(existsSync(join(built, 'cli.js'))).toBe(true) // built by the global setup
    run('groupadd', [member])
    run('groupadd', [stranger])
    run('useradd', ['--no-create-home', '--shell', '/usr/sbin/nologin', '--groups', member, user])
    uid = idOf('passwd', user)
    // A copy the user can read wherever the clone lives.
    const copy = tempDir('plex-reclaim-cli')
    cpSync(built, join(copy, 'node'), { recursive: true })
    chmodSync(copy, 0o755)
    cli = join(copy, 'node', 'cli.js')
  })
  afterAll(() => {
    spawnSync('userdel', [user])
    spawnSync('groupdel', [member])
    spawnSync('groupdel', [stranger])
    spawnSync('groupdel', [user])
  })

  /** A private work folder of the user's, holding data/Preferences.xml (uid:group, 0640). */
  function setUp(group: string) {
    const work = tempDir()
    chownSync(work, uid, idOf('group', user))
    const data = join(work, 'data')
    mkdirSync(data, { mode: 0o750 })
    chownSync(data, uid, idOf('group', user))
    const file = join(data, 'Preferences.xml')
    writeFileSync(file, SIGNED_IN, { mode: 0o640 })
    chownSync(file, uid, idOf('group', group))
    chmodSync(file, 0o640)
    return { file, backups: join(work, 'backups') }
  }
  const asUser = (...args: string[]) =>
    spawnSync('setpriv', [`--reuid=${uid}`, `--regid=${idOf('group', user)}`, '--init-groups', '--', process.execPath, cli, ...args], { encoding: 'utf8' })

  it('keeps the group (one the user is in), owner and mode', () => {
    const { file, backups } = setUp(member)
    const r = asUser('reset', '--file', file, '--no-service', '--yes', '--backup-dir', backups)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe(SIGNED_OUT)
    const s = statSync(file)
    expect([s.uid, s.gid, s.mode & 0o7777]).toEqual([uid, idOf('group', member), 0o640])
  })

  it('refuses before writing when the group cannot be kept, saying why and what to do', () => {
    const { file, backups } = setUp(stranger)
    const r = asUser('reset', '--file', file, '--no-service', '--yes', '--backup-dir', backups)
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/^plex-reclaim: Nothing was changed: .*Preferences\.xml belongs to \d+:\d+; this user cannot keep its owner and group.*--force to write it anyway/)
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1)
    expect(readFileSync(file, 'utf8')).toBe(SIGNED_IN)
    expect(statSync(file).gid).toBe(idOf('group', stranger))
  })

  it('goes ahead with --force, and then the file has the user group', () => {
    const { file, backups } = setUp(stranger)
    const r = asUser('reset', '--file', file, '--no-service', '--yes', '--force', '--backup-dir', backups)
    expect(r.status).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe(SIGNED_OUT)
    expect(statSync(file).uid).toBe(uid)
  })
})
