import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SIGNED_IN, SIGNED_OUT } from '../support/temp'
import { killedAt } from './fault'
import { DATA_DIR, packagedServer, PREFERENCES, type PackagedServer } from './linux-package'
import { nspawnUnavailable } from './nspawn'

/**
 * Plex's Linux package under real systemd 252 (PID 1 in systemd-nspawn), driven by the built CLI
 * inside the container: real `systemctl`, a real plex user owning the data folder, the server
 * simulator as plexmediaserver.service and the plex.tv stand-in on the container's own loopback.
 */
const unavailable = nspawnUnavailable()

const mode = async (s: PackagedServer): Promise<string> => (await s.exec(['stat', '-c', '%U:%G %a', PREFERENCES])).stdout.trim()
/** The server running and signed in again, as at the start (each test begins from this). */
async function signedInAgain(s: PackagedServer): Promise<void> {
  await s.systemctl('stop', 'plexmediaserver')
  s.writePreferences(SIGNED_IN)
  await s.systemctl('start', 'plexmediaserver')
  await s.waitForIdentity()
}
const active = async (s: PackagedServer): Promise<string> => (await s.systemctl('is-active', 'plexmediaserver')).stdout.trim()

describe.skipIf(unavailable !== null)('Linux package under real systemd (systemd-nspawn)', () => {
  let s: PackagedServer
  beforeAll(async () => {
    s = await packagedServer({ preferences: SIGNED_IN })
    await s.waitForIdentity()
  })
  afterAll(async () => s?.dispose())
  beforeEach(async () => signedInAgain(s))

  it('detect finds the package with its unit, data folder and account', async () => {
    const r = await s.cli(['detect', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const [found] = JSON.parse(r.stdout) as Array<Record<string, unknown>>
    expect(found).toMatchObject({ installType: 'linux-package', store: { path: PREFERENCES }, dataDir: DATA_DIR, pidFile: `${DATA_DIR}/plexmediaserver.pid`, control: { kind: 'systemd', unit: 'plexmediaserver' }, account: { username: 'kate' } })
  })

  it('status, stop and start go through real systemctl', async () => {
    const status = JSON.parse((await s.cli(['status', '--json'])).stdout)
    expect(status).toMatchObject({ running: true, processAlive: true, claimed: true })
    const stop = await s.cli(['stop', '--timeout', '20'])
    expect(stop).toMatchObject({ code: 0, stderr: '' })
    expect(await active(s)).toBe('inactive')
    expect((await s.http('/identity')).status).toBe(0)
    const start = await s.cli(['start', '--timeout', '20'])
    expect(start).toMatchObject({ code: 0, stderr: '' })
    expect(await active(s)).toBe('active')
    expect((await s.http('/identity')).status).toBe(200)
  })

  it('an edit made while the server runs is lost when systemd stops it: the reason to stop first', async () => {
    s.writePreferences(SIGNED_OUT)
    expect((await s.systemctl('stop', 'plexmediaserver')).code).toBe(0)
    expect(s.readPreferences().toString()).toBe(SIGNED_IN)
    await signedInAgain(s)
    // And the product refuses to edit a running server's file by itself.
    const r = await s.cli(['reset', '--file', PREFERENCES, '--no-service', '--yes'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^plex-reclaim: .*(running|stop)/i)
    expect(s.readPreferences().toString()).toBe(SIGNED_IN)
  })

  it('reset: backup, real stop, byte-exact removal, real start, unclaimed; owner and mode kept; then claim and restore', async () => {
    const r = await s.cli(['reset', '--yes', '--json', '--timeout', '20'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as { status: string; backup: { id: string }; claimed: boolean }
    expect(out).toMatchObject({ status: 'removed', claimed: false })
    expect(s.readPreferences().toString()).toBe(SIGNED_OUT)
    expect(await mode(s)).toBe('plex:plex 600')
    expect(await active(s)).toBe('active')
    expect(await s.http('/identity')).toMatchObject({ status: 200, body: expect.stringMatching(/claimed="0"/) })

    const claim = await s.cli(['claim', '--token', await s.claimToken(), '--json'])
    expect(claim.stderr).toBe('')
    expect(JSON.parse(claim.stdout)).toMatchObject({ claimed: true, username: 'kate_new' })
    expect(claim.stdout).not.toContain('STANDINuserToken')
    expect((await s.http('/identity')).body).toMatch(/claimed="1"/)

    const restore = await s.cli(['restore', out.backup.id, '--yes', '--timeout', '20'])
    expect(restore.stderr).toBe('')
    expect(restore.code).toBe(0)
    expect(s.readPreferences().toString()).toBe(SIGNED_IN)
    expect(await mode(s)).toBe('plex:plex 600')
    expect(await active(s)).toBe('active')
  })

  it('a run killed after the removal is finished by resume with real systemctl', async () => {
    const killed = await s.cli(['reset', '--yes', '--timeout', '20'], { env: killedAt('after:remove') })
    expect(killed.code).toBeNull() // SIGKILL
    expect(s.readPreferences().toString()).toBe(SIGNED_OUT)
    expect(await active(s)).toBe('inactive')
    const notice = await s.cli(['backups'])
    expect(notice.stderr).toMatch(/was cut off after "remove"\. Finish it: plex-reclaim resume \S+/)
    const resumed = await s.cli(['resume', '--timeout', '20'])
    expect(resumed.stderr).toBe('')
    expect(resumed.code).toBe(0)
    expect(await active(s)).toBe('active')
    expect((await s.http('/identity')).body).toMatch(/claimed="0"/)
    expect(s.readPreferences().toString()).toBe(SIGNED_OUT)
  })
})
