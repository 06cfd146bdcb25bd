import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SIGNED_IN, SIGNED_OUT } from '../support/temp'
import { packagedServer, type PackagedServer } from './linux-package'
import { nspawnUnavailable } from './nspawn'
import { until } from './processes'

/**
 * A server in startup maintenance (issue 15, item 4) under real systemd: for 4 s after each start
 * the simulator answers every request 503 "running startup maintenance tasks", as PMS does while
 * it migrates its database after an update. It is up, not dead.
 */
const unavailable = nspawnUnavailable()
const MAINTENANCE_MS = 4000

describe.skipIf(unavailable !== null)('a server in startup maintenance (real systemd)', () => {
  let s: PackagedServer
  beforeAll(async () => {
    s = await packagedServer({ preferences: SIGNED_IN, simOptions: `--maintenance-ms ${MAINTENANCE_MS}` })
  })
  afterAll(async () => s?.dispose())

  const restarted = async (): Promise<void> => {
    expect((await s.systemctl('restart', 'plexmediaserver')).code).toBe(0)
    const answer = await until('the maintenance page', async () => {
      const r = await s.http('/identity')
      return r.status ? r : undefined
    })
    expect(answer).toMatchObject({ status: 503, body: expect.stringContaining('running startup maintenance tasks') })
  }

  it('status calls it running, in maintenance', async () => {
    await restarted()
    const r = await s.cli(['status'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('server:     running its startup maintenance (the local API answers 503 until it ends)')
    expect(JSON.parse((await s.cli(['status', '--json'])).stdout)).toMatchObject({ running: true })
  })

  it('start keeps waiting through the maintenance, past its usual limit, and shows it', async () => {
    expect((await s.systemctl('stop', 'plexmediaserver')).code).toBe(0)
    const r = await s.cli(['start', '--timeout', '1', '--verbose'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('running its startup maintenance')
    expect((await s.http('/identity')).status).toBe(200)
  })

  it('a reset whose start meets the maintenance waits it out and ends unclaimed', async () => {
    await s.waitForIdentity()
    const r = await s.cli(['reset', '--yes', '--timeout', '1'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(s.readPreferences().toString()).toBe(SIGNED_OUT)
  })

  it('a claim sent during the maintenance is sent again when it ends', async () => {
    await restarted()
    const r = await s.cli(['claim', '--token', await s.claimToken(), '--json'])
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toMatchObject({ claimed: true, username: 'kate_new' })
  })
})
