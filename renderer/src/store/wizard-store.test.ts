import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Api, InstallationView } from '../../../preload/contract'
import { INITIAL_STATE } from './state'
import { useWizard } from './wizard-store'

const server: InstallationView = {
  id: 'pms-0123456789',
  label: 'Plex Media Server (Linux package)',
  labelDetail: { kind: 'type' },
  platform: 'linux',
  installType: 'linux-package',
  store: '/var/lib/plexmediaserver/Library/Application Support/Plex Media Server/Preferences.xml',
  dataDir: '/var/lib/plexmediaserver/Library/Application Support/Plex Media Server',
  account: { username: 'kate', maskedEmail: 'k***@example.com', tokenPresent: true, plexHome: false, machineIdentifier: 'x', keysPresent: ['PlexOnlineToken'] },
  readError: null,
  running: true,
  controllable: true,
  host: 'this computer'
}

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value })

beforeEach(() => {
  useWizard.setState({ ...INITIAL_STATE })
  window.api = {
    detectInstallations: vi.fn(() => ok([server])),
    // The same file, inspected on its own, gets another id.
    chooseSettingsFile: vi.fn(() => ok({ ...server, id: 'pms-ffffffffff' })),
    claimWithToken: vi.fn(() => Promise.resolve({ ok: false as const, code: 'CLAIM_TOKEN_REJECTED', message: 'plex.tv did not accept that claim token' })),
    demoClaimToken: vi.fn(() => ok('claim-new'))
  } as unknown as Api
})

describe('the wizard store', () => {
  it('chooses nothing for the user: one server found does not open Diagnosis', async () => {
    await useWizard.getState().detect()
    expect(useWizard.getState().selectedId).toBeNull()
  })

  it('never lists the same settings file twice', async () => {
    await useWizard.getState().detect()
    await useWizard.getState().chooseFile()
    await useWizard.getState().chooseFile()
    expect(useWizard.getState().installations).toHaveLength(1)
  })

  it('a rejected claim code stops the countdown; a new code restarts it and clears the error', async () => {
    useWizard.setState({ selectedId: server.id, claim: { ...INITIAL_STATE.claim, openedAt: 1, token: 'claim-old' } })
    await useWizard.getState().submitClaim()
    expect(useWizard.getState().claim.openedAt).toBeNull()
    expect(useWizard.getState().errors.claim ?? null).toMatchObject({ code: 'CLAIM_TOKEN_REJECTED', place: 'claim' })
    await useWizard.getState().demoToken()
    expect(useWizard.getState().claim.openedAt).toBeGreaterThan(1)
    expect(useWizard.getState().errors.claim ?? null).toBeNull()
  })

  it('settings that need permission: "Continue" starts the reset with no backup of its own (the elevated run takes it); others still need one', async () => {
    const startReset = vi.fn(() => ok({ recordId: 'a1b2c3d4e5f6' }))
    const listRuns = vi.fn(() => ok({ runs: [], cutOff: [] }))
    window.api = { ...window.api, startReset, listRuns } as unknown as Api
    const locked = { ...server, account: null, readError: { code: 'NEEDS_PERMISSION', message: '' } }
    useWizard.setState({ installations: [locked, { ...server, id: 'pms-ffffffffff' }], selectedId: locked.id })
    await useWizard.getState().startReset()
    expect(startReset).toHaveBeenCalledWith({ installationId: locked.id, backupId: null })
    useWizard.setState({ selectedId: 'pms-ffffffffff' })
    await useWizard.getState().startReset()
    expect(startReset).toHaveBeenCalledTimes(1)
  })

  it('follows its run by record id: other runs\' events are not its own, early ones are kept, the end says what the server says now', async () => {
    const rec = 'a1b2c3d4e5f6'
    const ev = (recordId: string, step: 'preflight' | 'remove', status: 'running' | 'done') => ({ recordId, runId: '20261129-120000-abcdef', step, status, message: '', elapsedMs: 1 })
    let answer: (v: { ok: true; value: { recordId: string } }) => void = () => undefined
    const startReset = vi.fn(() => new Promise((r) => (answer = r)))
    window.api = { ...window.api, startReset } as unknown as Api
    useWizard.setState({ installations: [server], selectedId: server.id, canStillSignIn: false, backup: { installationId: server.id, location: '/b', backup: { id: '20261129-110000-abcdef', createdAt: '', reason: 'manual', target: '', installType: '', sha256: 'a'.repeat(64), size: 1, account: { username: 'kate', maskedEmail: null }, keysPresent: ['PlexOnlineToken'], installationId: server.id, usedBy: null } } })
    const started = useWizard.getState().startReset()
    // The first event travels before the channel's answer; another run's event is not this one's.
    useWizard.getState().onProgress(ev(rec, 'preflight', 'running'))
    useWizard.getState().onProgress(ev('ffffffffffff', 'remove', 'running'))
    answer({ ok: true, value: { recordId: rec } })
    await started
    expect(useWizard.getState().run).toMatchObject({ recordId: rec, status: 'running', events: [{ step: 'preflight' }] })
    const signedOut = { ...server.account!, username: null, maskedEmail: null, tokenPresent: false, keysPresent: [] }
    useWizard.getState().onRunEnded({ id: rec, runId: '20261129-120000-abcdef', kind: 'reset', action: 'run', installationId: server.id, label: server.label, backupId: null, status: 'finished', events: [ev(rec, 'preflight', 'done')], result: { runId: '20261129-120000-abcdef', outcome: 'finished', backupId: null }, error: null, standing: { serverRunning: true, settingsChanged: true, backupId: null, backupDir: '/b', account: signedOut } })
    const s = useWizard.getState()
    expect(s.installations?.[0]?.account).toEqual(signedOut)
    expect(s).toMatchObject({ run: { status: 'finished' }, backup: null, canStillSignIn: null, finished: { kind: 'reset', status: 'finished' } })
  })
})
