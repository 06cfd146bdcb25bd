import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI } from '../../test/support/linux-server'
// @ts-expect-error: a plain .mjs helper shared with the Playwright specs
import { sshdAvailable, startSshd, sudoAvailable } from '../../scripts/test-sshd.mjs'
import { SIGNED_IN, SIGNED_OUT } from '../../test/support/temp'
import { until } from '../../test/support/until'

/**
 * Root over SSH never acts by path in a folder a less privileged user can change (issue 23 item 1).
 * The data folder's owner (a real user) races every new entry there to a symlink to a root-owned
 * file while root resets and restores over a real sshd: with NOPASSWD sudo and with a root login.
 * Swaps must happen (the attacker logs each), the root-owned file must keep its owner, mode and
 * bytes every time, and each run must end with the right file or refuse with the original in place.
 * About 1 s a try; 5 tries a role and a command.
 */
type Users = { nopasswd: string; password: string; notInSudoers: string; noSudo: string }
type Sshd = { port: number; key: string; fingerprint: string; users: Users; stop(): void }

const can = (sshdAvailable as () => boolean)() && (sudoAvailable as () => boolean)()
const TRIES = 5
const SECRET = 'root secret: never handed to anyone\n'

/** Swaps every new temp file and kept copy in the folder for a link to the target, and logs it. */
const ATTACK = `d=$1; t=$2; log=$3
while [ ! -e "$d/.stop-attack" ]; do
  for f in "$d"/.Preferences.xml.*.tmp "$d"/Preferences.xml.plex-reclaim-*.bak; do
    [ -f "$f" ] && [ ! -L "$f" ] || continue
    mv -f -- "$f" "$f.moved" 2>/dev/null && ln -s -- "$t" "$f" 2>/dev/null && echo "$f" >> "$log"
  done
done`

describe.skipIf(!can)('root over SSH in a folder another user owns: the owner races every new entry', () => {
  let sshd: Sshd
  let base: string
  let data: string
  let prefs: string
  let victim: string
  let log: string
  let backups: string
  let owner: { uid: number; gid: number }
  let attacker: ChildProcess | null = null

  beforeAll(async () => {
    sshd = (await startSshd({ PATH: process.env.PATH! }, { users: true })) as Sshd
    base = mkdtempSync('/tmp/race-')
    chmodSync(base, 0o755)
    const id = (flag: string): number => Number(execFileSync('id', [flag, sshd.users.notInSudoers], { encoding: 'utf8' }).trim())
    owner = { uid: id('-u'), gid: id('-g') }
    data = join(base, 'Plex Media Server')
    mkdirSync(data, { mode: 0o750 })
    chownSync(data, owner.uid, owner.gid)
    prefs = join(data, 'Preferences.xml')
    victim = join(base, 'victim')
    log = join(data, '.swaps')
    backups = join(mkdtempSync('/tmp/race-backups-'), 'b')
  }, 60_000)

  afterAll(() => {
    attacker?.kill('SIGKILL')
    sshd?.stop()
    if (base) rmSync(base, { recursive: true, force: true })
  })

  function lay(): void {
    rmSync(join(data, '.stop-attack'), { force: true })
    writeFileSync(prefs, SIGNED_IN, { mode: 0o600 })
    chownSync(prefs, owner.uid, owner.gid)
    writeFileSync(victim, SECRET, { mode: 0o600 })
    chownSync(victim, 0, 0)
    writeFileSync(log, '')
    chownSync(log, owner.uid, owner.gid)
  }

  async function startAttack(): Promise<void> {
    attacker = spawn('/bin/sh', ['-c', ATTACK, 'sh', data, victim, log], { uid: owner.uid, gid: owner.gid, stdio: 'ignore' })
    await until('the attacker to run', () => attacker?.pid !== undefined)
  }

  async function stopAttack(): Promise<void> {
    writeFileSync(join(data, '.stop-attack'), '')
    const child = attacker
    attacker = null
    if (child && child.exitCode === null) await new Promise<void>((r) => child.once('exit', () => r()))
  }

  function victimIntact(label: string): void {
    const s = statSync(victim)
    expect([s.uid, s.gid, s.mode & 0o7777], `${label}: the root-owned file keeps its owner and mode`).toEqual([0, 0, 0o600])
    expect(readFileSync(victim, 'utf8'), `${label}: and its bytes`).toBe(SECRET)
  }

  const login = (role: 'sudo' | 'root') =>
    role === 'sudo'
      ? ['--host', `${sshd.users.nopasswd}@127.0.0.1:${sshd.port}`, '--identity', sshd.key, '--accept-host-key', sshd.fingerprint, '--sudo']
      : ['--host', `root@127.0.0.1:${sshd.port}`, '--identity', sshd.key, '--accept-host-key', sshd.fingerprint]

  /** The built CLI (its standard input closed: nothing typed). */
  function cli(args: string[]): Promise<{ code: number | null; err: string; out: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
      let out = ''
      let err = ''
      child.stdout.on('data', (c) => (out += c))
      child.stderr.on('data', (c) => (err += c))
      child.once('close', (code) => resolve({ code, err, out }))
      child.stdin.end()
    })
  }

  it.each(['sudo', 'root'] as const)(`%s: reset and restore, ${TRIES} tries each, with swaps seen and the root-owned file untouched`, async (role) => {
    let swaps = 0
    for (let i = 0; i < TRIES; i++) {
      lay()
      await startAttack()
      const reset = await cli(['reset', '--file', prefs, '--no-service', '--yes', '--json', '--backup-dir', backups, ...login(role)])
      await stopAttack()
      swaps += readFileSync(log, 'utf8').split('\n').filter(Boolean).length
      victimIntact(`${role} reset ${i}`)
      const now = readFileSync(prefs, 'utf8')
      if (reset.code === 0) expect(now, `${role} reset ${i}: finished with the right file`).toBe(SIGNED_OUT)
      else expect(now, `${role} reset ${i}: refused with the original in place (${reset.err})`).toBe(SIGNED_IN)
      if (reset.code !== 0) continue
      expect(statSync(prefs).uid, `${role} reset ${i}: the file keeps its owner`).toBe(owner.uid)
      const id = (JSON.parse(reset.out) as { backup: { id: string } }).backup.id
      writeFileSync(log, '')
      await startAttack()
      const restore = await cli(['restore', id, '--no-service', '--yes', '--backup-dir', backups, ...login(role)])
      await stopAttack()
      swaps += readFileSync(log, 'utf8').split('\n').filter(Boolean).length
      victimIntact(`${role} restore ${i}`)
      const after = readFileSync(prefs, 'utf8')
      if (restore.code === 0) expect(after, `${role} restore ${i}: the backup is back`).toBe(SIGNED_IN)
      else expect(after, `${role} restore ${i}: refused with the file as it was (${restore.err})`).toBe(SIGNED_OUT)
    }
    expect(swaps, `${role}: the attacker swapped entries (else this proved nothing)`).toBeGreaterThan(0)
    expect(existsSync(victim)).toBe(true)
  }, 180_000)
})
