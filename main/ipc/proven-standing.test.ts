import { describe, expect, it } from 'vitest'
import type { AppService, RunResult } from '../app/index'
import { provenStanding } from './proven-standing'

const account = { username: 'kate_new', maskedEmail: 'k***@example.com', tokenPresent: true, plexHome: true, machineIdentifier: 'm1', keysPresent: ['PlexOnlineToken', 'PlexOnlineUsername'] }
const restored = { account: { username: 'kate_old', maskedEmail: 'k***@example.com' }, keysPresent: ['PlexOnlineMail', 'PlexOnlineToken', 'PlexOnlineUsername'] }
// Only what provenStanding reads: no host, so any read of the server would throw.
const service = {
  env: { backupDir: '/backups' },
  installations: { get: () => ({ installation: { account } }) },
  runs: { backups: { get: async () => ({ manifest: restored }) } }
} as unknown as AppService
const result = (outcome: RunResult['outcome'], backupId?: string) => ({ runId: '20261204-215700-aaaaaa', outcome, journal: { backupId } }) as unknown as RunResult
const fields = { installationId: 'pms-0123456789', action: 'run' as const }

describe('where a finished run left things, from its own last checks', () => {
  it('a reset: running, the four values gone, no read of the server', async () => {
    expect(await provenStanding(service, { ...fields, kind: 'reset', backupId: '20261204-215600-bbbbbb' }, result('finished', '20261204-215600-bbbbbb'))).toEqual({
      serverRunning: true,
      settingsChanged: true,
      backupId: '20261204-215600-bbbbbb',
      backupDir: '/backups',
      account: { username: null, maskedEmail: null, tokenPresent: false, plexHome: false, machineIdentifier: 'm1', keysPresent: [] }
    })
  })

  it('a restore: the restored backup\'s account, as its bytes were verified in place', async () => {
    const s = await provenStanding(service, { ...fields, kind: 'restore', backupId: '20261204-215600-bbbbbb' }, result('finished', '20261204-220000-cccccc'))
    expect(s).toMatchObject({ serverRunning: true, settingsChanged: true, backupId: '20261204-220000-cccccc', account: { username: 'kate_old', tokenPresent: true, keysPresent: restored.keysPresent } })
  })

  it('anything else is read again: nothing to do, a resume, an undo', async () => {
    expect(await provenStanding(service, { ...fields, kind: 'reset', backupId: null }, result('nothing-to-do'))).toBeNull()
    expect(await provenStanding(service, { ...fields, action: 'resume', kind: 'reset', backupId: null }, result('finished'))).toBeNull()
  })
})
