import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCli } from '../../scripts/dist-cli/built'
import { SIGNED_IN, SIGNED_OUT } from '../support/temp'
import { PREFERENCES, idsOf, packagedServer, type PackagedServer } from './linux-package'
import { CLI_IN_CONTAINER, REPO, REPO_IN_CONTAINER, nspawnUnavailable } from './nspawn'

/**
 * Issue 15 item 2, for real: kate (a desktop user, not root) resets Plex's .deb install, whose
 * Preferences.xml is plex:plex 0600, through the application service. The service runs the whole
 * run in the single-file CLI (npm run dist:cli) started by real pkexec under real polkit (polkitd
 * 122, no agent: the rules decide), from a shell inside the container as real-parts.md requires.
 */
const unavailable = nspawnUnavailable() ?? (process.arch === 'x64' ? null : 'the helper built here is linux-x64')
const RULES = 'etc/polkit-1/rules.d/50-plex-reclaim-test.rules'
const EXEC = 'org.freedesktop.policykit.exec'

describe.skipIf(unavailable !== null)('a desktop user resets a plex-owned Preferences.xml in one elevated helper (real pkexec, polkit, systemd)', () => {
  let s: PackagedServer
  let helper: string
  let plex: { uid: number; gid: number }
  beforeAll(async () => {
    helper = `${REPO_IN_CONTAINER}/${relative(REPO, buildCli().file('linux-x64'))}`
    s = await packagedServer({ preferences: SIGNED_IN })
    plex = idsOf(s.root, 'plex')
    await s.waitForIdentity()
  }, 900_000)
  afterAll(async () => s?.dispose())

  async function rule(answer: 'YES' | 'NO'): Promise<void> {
    writeFileSync(join(s.root, RULES), `polkit.addRule(function(action, subject) {\n  if (action.id == "${EXEC}" && subject.user == "kate") return polkit.Result.${answer};\n});\n`, { mode: 0o644 })
    expect((await s.systemctl('restart', 'polkit')).code).toBe(0)
  }

  /** The CLI's test entry as kate, started by a shell inside (pkexec's parent must be in the container). */
  const resetAsKate = (...args: string[]) =>
    s.exec(['sh', '-c', 'node "$@"; exit $?', 'sh', CLI_IN_CONTAINER, 'reset', '--yes', '--timeout', '30', ...args], { user: 'kate', env: { PLEX_RECLAIM_ELEVATED_HELPER: helper }, timeoutMs: 180_000 })
  const rootBackups = (): string[] => {
    const dir = join(s.root, 'root/.local/state/plex-reclaim/backups')
    try {
      return readdirSync(dir).filter((n) => n !== 'runs')
    } catch {
      return []
    }
  }

  it('detection as kate says it needs permission, never "not signed in"', async () => {
    const r = await s.cli(['detect', '--json'], { user: 'kate' })
    expect(r.code, r.stderr).toBe(0)
    const [found] = JSON.parse(r.stdout) as Array<{ account: unknown; readError: { code: string } | null }>
    expect(found!.account).toBeNull()
    expect(found!.readError?.code).toBe('NEEDS_PERMISSION')
  })

  it('no rule and no agent: NO_POLKIT_AGENT with the command to run instead; nothing written', async () => {
    rmSync(join(s.root, RULES), { force: true })
    expect((await s.systemctl('restart', 'polkit')).code).toBe(0)
    const before = s.readPreferences()
    const r = await resetAsKate()
    expect(r.stderr).toMatch(new RegExp(`^plex-reclaim: No password prompt can be shown here \\(no polkit authentication agent is running; install one such as lxqt-policykit-agent\\)\\. Or run this in a terminal: sudo ${helper.replace(/\./g, '\\.')} reset --yes --server pms-[0-9a-f]{12}\n$`))
    expect(r.code).toBe(1)
    expect(s.readPreferences().equals(before)).toBe(true)
    expect(rootBackups()).toEqual([])
  })

  it(`${EXEC} denied: ELEVATION_DENIED with the exact command to run instead; nothing written, the server still running`, async () => {
    await rule('NO')
    const before = s.readPreferences()
    const r = await resetAsKate()
    const id = /^plex-reclaim: .*--server (pms-[0-9a-f]{12})\n$/.exec(r.stderr)?.[1]
    expect(r.stderr).toBe(`plex-reclaim: Your account is not allowed to control this service. Ask an administrator, or run this in a terminal with sudo: sudo ${helper} reset --yes --server ${id}\n`)
    expect(r.code).toBe(1)
    expect(s.readPreferences().equals(before)).toBe(true)
    expect(rootBackups()).toEqual([])
    expect((await s.systemctl('is-active', 'plexmediaserver')).stdout.trim()).toBe('active')
  })

  it(`${EXEC} allowed: one pkexec runs the whole reset; only the four keys go, plex:plex 0600 kept, the server started again`, async () => {
    await rule('YES')
    const r = await resetAsKate()
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    // The helper's steps, shown as the service's own (the CLI prints each event).
    expect(r.stdout).toMatch(/ backup +done /)
    expect(r.stdout).toMatch(/ stop +done /)
    expect(r.stdout).toMatch(/ start +done /)
    expect(r.stdout).toMatch(/Done\. Claim the server now: .* Backup: \d{8}-\d{6}-[0-9a-f]{6}\.\n$/)
    expect(s.readPreferences().toString('utf8')).toBe(SIGNED_OUT)
    const info = statSync(join(s.root, PREFERENCES))
    expect({ uid: info.uid, gid: info.gid, mode: info.mode & 0o7777 }).toEqual({ ...plex, mode: 0o600 })
    expect((await s.systemctl('is-active', 'plexmediaserver')).stdout.trim()).toBe('active')
    expect(await s.waitForIdentity()).toMatch(/claimed="0"/)
    // Root's helper kept its verified backup in root's own folder, never in kate's.
    expect(rootBackups()).toHaveLength(1)
    // One pkexec for the whole run (pkexec logs each command it runs), and no token in any event.
    const log = await s.exec(['journalctl', '--no-pager', '-o', 'cat', '-t', 'pkexec'])
    expect(log.stdout.split('\n').filter((l) => l.includes('Executing command') && l.includes('elevated-reset'))).toHaveLength(1)
    expect(r.stdout).not.toContain('SECRETtoken')
  })
})

describe.skipIf(unavailable !== null)('issue 23 item 2, reproduced: after an elevated reset the user has the backup and can restore it', () => {
  let s: PackagedServer
  let helper: string
  beforeAll(async () => {
    helper = `${REPO_IN_CONTAINER}/${relative(REPO, buildCli().file('linux-x64'))}`
    s = await packagedServer({ preferences: SIGNED_IN })
    await s.waitForIdentity()
    writeFileSync(join(s.root, RULES), `polkit.addRule(function(action, subject) {\n  if (action.id == "${EXEC}" && subject.user == "kate") return polkit.Result.YES;\n});\n`, { mode: 0o644 })
    expect((await s.systemctl('restart', 'polkit')).code).toBe(0)
  }, 900_000)
  afterAll(async () => s?.dispose())
  const asKate = (...args: string[]) =>
    s.exec(['sh', '-c', 'node "$@"; exit $?', 'sh', CLI_IN_CONTAINER, ...args], { user: 'kate', env: { PLEX_RECLAIM_ELEVATED_HELPER: helper }, timeoutMs: 180_000 })

  it('reset, then the backup is in kate\'s list and restores', async () => {
    const r = await asKate('reset', '--yes', '--timeout', '30')
    expect(r.code, r.stderr).toBe(0)
    const list = await asKate('backups', '--json')
    const backups = JSON.parse(list.stdout) as Array<{ id: string }>
    expect(backups).toHaveLength(1)
    const restored = await asKate('restore', backups[0]!.id, '--yes', '--timeout', '30')
    expect(restored.code, restored.stderr).toBe(0)
    expect(s.readPreferences().toString('utf8')).toBe(SIGNED_IN)
  })
})
