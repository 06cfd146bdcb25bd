import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { assertPreflight, preflight } from '../core/engine/preflight'
import { LocalHost } from '../core/host/local'
import { KnownHosts, SshHost } from '../core/host/ssh'
import { storeFor } from '../core/stores/store-for'
import { startPlexTv, type PlexTvStandIn } from '../simulator/plex-tv'
import { TEST_CLI } from '../../test/support/linux-server'
import { SIGNED_IN, SIGNED_OUT, layOut, tempDir } from '../../test/support/temp'
// @ts-expect-error: a plain .mjs helper shared with the Playwright specs
import { sshdAvailable, startSshd } from '../../scripts/test-sshd.mjs'

/**
 * Issue 15 item 11: the clock and plex.tv are checked on the server's machine, over SSH too. The
 * "server" is this machine behind a real sshd whose sessions get a PATH of links to /usr/bin
 * without curl, wget and date, after a folder each test fills with the tools that server has.
 * The real curl and wget ask the plex.tv stand-in (passed to the CLI's test entry point); the
 * stand-ins below are only for what cannot be had here: a wrong clock and a network without a route.
 * plex.tv is asked only when a claim follows on that machine (issue 27 item 4): the checks run the
 * preflight as a reset that starts the server does; reset --file --no-service never runs curl.
 */
const STANDIN_DATE_2H_AHEAD = `#!/bin/sh
# Stand-in for date(1) on a server whose clock is 2 hours ahead. POSIX date: "date -u +FORMAT"
# writes the UTC time through the format's conversions (%Y %m %d %H %M %S); GNU date's
# -d @SECONDS (coreutils manual, "Seconds since the Epoch") shifts the real time by 7200 s.
exec /usr/bin/date -d "@$(( $(/usr/bin/date +%s) + 7200 ))" "$@"
`
const STANDIN_CURL_NO_ROUTE = `#!/bin/sh
# Stand-in for curl(1) on a server without a route to plex.tv. curl's manual, EXIT CODES:
# "7 Failed to connect to host"; with -sS the error goes to stderr as "curl: (7) ...".
echo "curl: (7) Failed to connect to plex.tv port 443 after 2 ms: Couldn't connect to server" >&2
exit 7
`

describe.skipIf(!(sshdAvailable as () => boolean)() || !existsSync('/usr/bin/curl') || !existsSync('/usr/bin/wget'))('preflight over SSH: the clock and plex.tv of the server\'s machine', () => {
  let work: string
  let tools: string
  let prefs: string
  let plexTv: PlexTvStandIn
  let sshd: { port: number; key: string; fingerprint: string; stop(): void }

  beforeAll(async () => {
    work = tempDir('plex-ssh-preflight')
    tools = join(work, 'tools')
    const base = join(work, 'base')
    mkdirSync(tools)
    mkdirSync(base)
    for (const name of readdirSync('/usr/bin')) if (!['curl', 'wget', 'date'].includes(name)) symlinkSync(join('/usr/bin', name), join(base, name))
    plexTv = await startPlexTv()
    sshd = await startSshd({ PATH: `${tools}:${base}` })
  }, 30_000)
  afterAll(async () => {
    sshd?.stop()
    await plexTv?.close()
    rmSync(work, { recursive: true, force: true })
  })
  beforeEach(() => {
    rmSync(tools, { recursive: true, force: true })
    mkdirSync(tools)
    symlinkSync('/usr/bin/date', join(tools, 'date'))
    prefs = join(work, `srv-${Math.random().toString(16).slice(2)}`, 'Preferences.xml')
    layOut(join(prefs, '..'), { 'Preferences.xml': SIGNED_IN })
  })

  const tool = (name: string, script: string | null) => {
    rmSync(join(tools, name), { force: true })
    if (script === null) return
    if (script.startsWith('/')) return symlinkSync(script, join(tools, name))
    writeFileSync(join(tools, name), script)
    chmodSync(join(tools, name), 0o755)
  }
  /** reset --file --no-service over SSH with the built test entry point, plex.tv being the stand-in. */
  const resetNoService = () =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const args = [TEST_CLI, 'reset', '--file', prefs, '--no-service', '--yes', '--host', `root@127.0.0.1:${sshd.port}`, '--identity', sshd.key, '--accept-host-key', sshd.fingerprint, '--backup-dir', join(work, 'backups')]
      const child = spawn(process.execPath, args, { env: { ...process.env, PLEX_RECLAIM_PLEXTV_URL: plexTv.url }, stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (c) => (stdout += c))
      child.stderr.on('data', (c) => (stderr += c))
      child.once('close', (code) => resolve({ code, stdout, stderr }))
    })

  /** The preflight on the server's machine over the real sshd, asking plex.tv (a claim follows there). */
  const reset = async (): Promise<{ code: number; stdout: string; stderr: string }> => {
    const host = await SshHost.connect({ user: 'root', host: '127.0.0.1', port: sshd.port }, { privateKey: readFileSync(sshd.key) }, new KnownHosts(new LocalHost(), join(work, 'known.json')), sshd.fingerprint)
    try {
      const store = storeFor(host, { kind: 'preferences-xml', path: prefs, dataDir: join(prefs, '..') })
      const report = await preflight({ host, localHost: new LocalHost(), store, backupDir: join(work, 'backups'), server: { control: { kind: 'manual', hint: 'you' }, pidFile: null, port: 32400 }, plexTvUrl: plexTv.url })
      const stdout = report.checks.filter((c) => c.warning && !c.ok).map((c) => `Warning: ${c.message}`).join('\n')
      try {
        assertPreflight(report.checks)
      } catch (error) {
        return { code: 1, stdout, stderr: (error as Error).message }
      }
      // What the run would do next: the edit (the CLI's reset --file, here without plex.tv).
      const r = await resetNoService()
      return { code: r.code ?? 1, stdout: `${stdout}\n${r.stdout}`, stderr: r.stderr }
    } finally {
      host.close()
    }
  }

  it('reset --file --no-service (no claim follows from there): plex.tv is not asked, curl never runs', async () => {
    tool('curl', `#!/bin/sh\ntouch ${join(work, 'curl-ran')}\nexec /usr/bin/curl "$@"\n`)
    const r = await resetNoService()
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(existsSync(join(work, 'curl-ran'))).toBe(false)
    expect(readFileSync(prefs, 'utf8')).toBe(SIGNED_OUT)
  }, 60_000)

  it('a server clock 2 hours ahead of plex.tv (real curl, stand-in date) is refused by name, although this computer\'s clock is right', async () => {
    tool('curl', '/usr/bin/curl')
    tool('date', STANDIN_DATE_2H_AHEAD)
    const r = await reset()
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(new RegExp(`The clock of root@127\\.0\\.0\\.1:${sshd.port} is wrong \\(it says .*, plex\\.tv says .*\\)`))
    expect(readFileSync(prefs, 'utf8')).toBe(SIGNED_IN)
  }, 60_000)

  it('a NAS with only wget (real wget) and a clock 2 hours ahead: the date comes through wget', async () => {
    tool('wget', '/usr/bin/wget')
    tool('date', STANDIN_DATE_2H_AHEAD)
    const r = await reset()
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/The clock of root@127\.0\.0\.1:\d+ is wrong/)
    expect(readFileSync(prefs, 'utf8')).toBe(SIGNED_IN)
  }, 60_000)

  it('curl that cannot connect (stand-in following curl(1)\'s exit code 7) is a warning naming the server, and the reset goes on', async () => {
    tool('curl', STANDIN_CURL_NO_ROUTE)
    const r = await reset()
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`Warning: plex\\.tv cannot be reached from root@127\\.0\\.0\\.1:${sshd.port} \\(curl exit 7: curl: \\(7\\) Failed to connect`))
    expect(readFileSync(prefs, 'utf8')).toBe(SIGNED_OUT)
  }, 60_000)

  it('neither curl nor wget: "cannot check" is a warning, not a refusal', async () => {
    const r = await reset()
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Warning: Whether root@127\.0\.0\.1:\d+ reaches plex\.tv cannot be checked: it has neither curl nor wget\./)
    expect(readFileSync(prefs, 'utf8')).toBe(SIGNED_OUT)
  }, 60_000)

  it('a right clock and plex.tv reached through the real curl: no warning', async () => {
    tool('curl', '/usr/bin/curl')
    const r = await reset()
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).not.toMatch(/Warning/)
    expect(readFileSync(prefs, 'utf8')).toBe(SIGNED_OUT)
  }, 60_000)
})
