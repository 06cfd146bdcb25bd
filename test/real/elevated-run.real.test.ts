import { chmodSync, chownSync, copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCli } from '../../scripts/dist-cli/built'
import { SIGNED_IN, SIGNED_OUT } from '../support/temp'
import { killedAt } from './fault'
import { PLEX_TV_URL, PREFERENCES, idsOf, packagedServer, type PackagedServer } from './linux-package'
import { skipping } from './capabilities'
import { CLI_IN_CONTAINER, REPO, nspawnUnavailable } from './nspawn'

/**
 * Issue 23 item 2, for real: kate (a desktop user, not root) works on Plex's .deb install, whose
 * Preferences.xml is plex:plex 0600, through the application service. The engine, journal, lock,
 * log and backups stay in kate's folder; only the Host operations that need root go to the
 * privileged helper (the built single-file CLI at the .deb's path, started once per session by
 * real pkexec under real polkit, polkitd 122 with the shipped action installed and no agent: the
 * rules decide). Workers act as plex in plex's folder. About 15 s once dist/cli is built (one
 * container, fourteen CLI sessions).
 */
// It boots systemd in systemd-nspawn: without mounts (an unprivileged container) it skips and says why.
const unavailable = nspawnUnavailable() ?? skipping('the privileged helper tests', process.arch === 'x64' ? null : 'the helper built here is linux-x64')
const RULES = 'etc/polkit-1/rules.d/50-plex-reclaim-test.rules'
const ACTION = 'io.github.plex_reclaim.helper'
const HELPER = '/opt/Plex Reclaim/resources/bin/plex-reclaim'
const POLICY = join(REPO, 'assets', 'linux', `${ACTION}.policy`)
const KATE_BACKUPS = 'home/kate/.local/state/plex-reclaim/backups'

describe.skipIf(unavailable !== null)('a desktop user\'s every use case on a plex-owned Preferences.xml, through one privileged helper per session (real pkexec, polkit, systemd)', () => {
  let s: PackagedServer
  let plex: { uid: number; gid: number }
  let kate: { uid: number; gid: number }
  beforeAll(async () => {
    const exe = buildCli().file('linux-x64')
    s = await packagedServer({
      preferences: SIGNED_IN,
      provision: (root) => {
        // The .deb's layout: the helper at the exact exec.path of the shipped polkit action.
        mkdirSync(join(root, HELPER, '..'), { recursive: true })
        copyFileSync(exe, join(root, HELPER))
        chmodSync(join(root, HELPER), 0o755)
        copyFileSync(POLICY, join(root, 'usr/share/polkit-1/actions', `${ACTION}.policy`))
      }
    })
    plex = idsOf(s.root, 'plex')
    kate = idsOf(s.root, 'kate')
    await s.waitForIdentity()
  }, 900_000)
  afterAll(async () => s?.dispose())

  async function rule(answer: 'YES' | 'NO'): Promise<void> {
    writeFileSync(join(s.root, RULES), `polkit.addRule(function(action, subject) {\n  if (action.id == "${ACTION}" && subject.user == "kate") return polkit.Result.${answer};\n});\n`, { mode: 0o644 })
    expect((await s.systemctl('restart', 'polkit')).code).toBe(0)
  }

  /** The CLI's test entry as kate, started by a shell inside (pkexec's parent must be in the container). */
  const asKate = (args: string[], env: Record<string, string> = {}) =>
    s.exec(['sh', '-c', 'node "$@"; exit $?', 'sh', CLI_IN_CONTAINER, ...args], { user: 'kate', env: { PLEX_RECLAIM_ELEVATED_HELPER: HELPER, PLEX_RECLAIM_PLEXTV_URL: PLEX_TV_URL, ...env }, timeoutMs: 180_000 })
  /** pkexec logs each command it runs: how many helpers have been started so far. */
  const prompts = async (): Promise<number> => {
    const log = await s.exec(['journalctl', '--no-pager', '-o', 'cat', '-t', 'pkexec'])
    return log.stdout.split('\n').filter((l) => l.includes('Executing command') && l.includes('privileged-host')).length
  }
  const prefs = () => {
    const info = statSync(join(s.root, PREFERENCES))
    return { text: s.readPreferences().toString('utf8'), uid: info.uid, gid: info.gid, mode: info.mode & 0o7777 }
  }
  const active = async () => (await s.systemctl('is-active', 'plexmediaserver')).stdout.trim()
  const kateBackups = async () => JSON.parse((await asKate(['backups', '--json'])).stdout) as Array<{ id: string; sha256: string }>
  const helpersRunning = async () => (await s.exec(['pgrep', '-f', 'privileged-(host|worker)'])).stdout.trim()
  let firstBackup = ''
  let cutRun = ''

  it(`${ACTION} allowed: reset with one prompt; only the four keys go, plex:plex 0600 kept; the backup, journal and log are kate's`, async () => {
    await rule('YES')
    const before = await prompts()
    const r = await asKate(['reset', '--yes', '--timeout', '30', '--verbose'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/ backup +done /)
    expect(r.stdout).toMatch(/ stop +done /)
    // Copy details: the run's log is read from kate's own folder (it was root's, so empty, on cea9253).
    expect(r.stdout).toMatch(/--- run log \(\/home\/kate\/\.local\/state\/plex-reclaim\/backups\/runs\/\d{8}-\d{6}-[0-9a-f]{6}\.log\)\n/)
    expect(prefs()).toEqual({ text: SIGNED_OUT, ...plex, mode: 0o600 })
    expect(await active()).toBe('active')
    expect(await prompts()).toBe(before + 1)
    const list = await kateBackups()
    expect(list).toHaveLength(1)
    firstBackup = list[0]!.id
    const payload = join(s.root, KATE_BACKUPS, firstBackup)
    const file = readdirSync(payload).find((n) => n !== 'manifest.json')!
    expect(readFileSync(join(payload, file), 'utf8')).toBe(SIGNED_IN)
    expect({ uid: statSync(join(payload, file)).uid, mode: statSync(join(payload, file)).mode & 0o777 }).toEqual({ uid: kate.uid, mode: 0o600 })
    expect(readdirSync(join(s.root, 'root')).includes('.local')).toBe(false)
    // The helper ended with kate's session, and so did its worker.
    expect(await helpersRunning()).toBe('')
    expect(r.stdout).not.toContain('SECRETtoken')
  })

  it('restore of that backup, through the service with one prompt: exact bytes, plex:plex 0600, the server running', async () => {
    const before = await prompts()
    const r = await asKate(['restore', firstBackup, '--yes', '--timeout', '30'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(prefs()).toEqual({ text: SIGNED_IN, ...plex, mode: 0o600 })
    expect(await active()).toBe('active')
    expect(await prompts()).toBe(before + 1)
  })

  it('a reset cut off after the removal (the app killed): the helper ends with it, and kate is offered Finish and Undo', async () => {
    await s.waitForIdentity()
    const r = await asKate(['reset', '--yes', '--timeout', '30'], killedAt('after:remove'))
    expect(r.code).not.toBe(0)
    expect(prefs()).toEqual({ text: SIGNED_OUT, ...plex, mode: 0o600 })
    expect(await active()).not.toBe('active')
    expect(await helpersRunning()).toBe('')
    const next = await asKate(['backups'])
    const offer = /a reset of .* \(run (\d{8}-\d{6}-[0-9a-f]{6})\) was cut off after "remove"\. Finish it: plex-reclaim resume \1; or undo it: plex-reclaim rollback \1\./.exec(next.stderr)
    expect(offer, next.stderr).not.toBeNull()
    cutRun = offer![1]!
  })

  it(`${ACTION} denied: Undo, restore and reset each say so and change nothing`, async () => {
    await rule('NO')
    // The last line (the cut-off run's notice may come first, as on every start).
    const denied = /(^|\n)plex-reclaim: Your account is not allowed to control this service\. Ask an administrator, or run this in a terminal with sudo: sudo '\/opt\/Plex Reclaim\/resources\/bin\/plex-reclaim' reset --yes --server pms-[0-9a-f]{12}\n$/
    const backups = (await kateBackups()).length
    for (const args of [['rollback', cutRun], ['resume', cutRun], ['restore', firstBackup, '--yes'], ['reset', '--yes']]) {
      const r = await asKate(args)
      expect(r.stderr, args.join(' ')).toMatch(denied)
      expect(r.code).toBe(1)
      expect(prefs()).toEqual({ text: SIGNED_OUT, ...plex, mode: 0o600 })
    }
    expect(await active()).not.toBe('active')
    expect(await kateBackups()).toHaveLength(backups)
  })

  it(`${ACTION} allowed again: Undo of the cut-off run puts the exact bytes back, plex:plex 0600, and starts the server`, async () => {
    await rule('YES')
    const before = await prompts()
    const r = await asKate(['rollback', cutRun, '--timeout', '30'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/ restore +done /)
    expect(r.stdout.endsWith(`\nRun ${cutRun} is rolled back: the settings are as they were before it, and the server is running.\n`)).toBe(true)
    expect(prefs()).toEqual({ text: SIGNED_IN, ...plex, mode: 0o600 })
    expect(await active()).toBe('active')
    expect(await prompts()).toBe(before + 1)
  })

  it('an AppImage\'s private copy (in kate\'s 0700 folder, which plex cannot enter) gets the plain prompt and still acts as plex through a root-owned copy', async () => {
    // The AppImage cannot install an action: org.freedesktop.policykit.exec decides for any other path.
    writeFileSync(join(s.root, RULES), `polkit.addRule(function(action, subject) {\n  if (action.id == "org.freedesktop.policykit.exec" && subject.user == "kate") return polkit.Result.YES;\n});\n`, { mode: 0o644 })
    expect((await s.systemctl('restart', 'polkit')).code).toBe(0)
    const privateDir = join(s.root, 'home/kate/.cache/plex-reclaim-helper-x')
    mkdirSync(privateDir, { recursive: true, mode: 0o700 })
    copyFileSync(join(s.root, HELPER), join(privateDir, 'plex-reclaim'))
    chmodSync(join(privateDir, 'plex-reclaim'), 0o700)
    for (const p of [privateDir, join(privateDir, 'plex-reclaim'), join(s.root, 'home/kate/.cache')]) chownSync(p, kate.uid, kate.gid)
    await s.waitForIdentity()
    const r = await asKate(['reset', '--yes', '--timeout', '30'], { PLEX_RECLAIM_ELEVATED_HELPER: '/home/kate/.cache/plex-reclaim-helper-x/plex-reclaim' })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(prefs()).toEqual({ text: SIGNED_OUT, ...plex, mode: 0o600 })
    expect(await active()).toBe('active')
    // The root-owned copy for the workers is gone with the helper.
    expect((await s.exec(['ls', '/tmp'])).stdout.split('\n').filter((n) => n.startsWith('plex-reclaim-worker-'))).toEqual([])
  })
})
