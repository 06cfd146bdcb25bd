import { describe, expect, it } from 'vitest'
import type { InstallationView } from '../../../preload/contract'
import { availability } from './steps'
import { INITIAL_STATE, type WizardState } from './wizard-store'

const server: InstallationView = {
  id: 'pms-0123456789',
  label: 'Plex Media Server (Linux package)',
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

const base: WizardState = { ...INITIAL_STATE, installations: [server], selectedId: server.id, canStillSignIn: false }

const backup = { installationId: server.id, location: '/b/1', backup: { id: '20261128-100000-abcdef', createdAt: '', reason: 'reset', target: '', installType: '', sha256: 'a'.repeat(64), size: 1, account: { username: null, maskedEmail: null }, keysPresent: [] } }

describe('step availability, derived from state', () => {
  it('the reset cannot be reached without a verified backup of the chosen server', () => {
    expect(availability(base).reset).toBe(false)
    expect(availability({ ...base, backup }).reset).toBe(true)
    expect(availability({ ...base, backup: { ...backup, installationId: 'pms-ffffffffff' } }).reset).toBe(false)
  })

  it('the backup step needs a signed-in server the user cannot sign in as', () => {
    expect(availability({ ...base, canStillSignIn: null }).backup).toBe(false)
    expect(availability({ ...base, canStillSignIn: true }).backup).toBe(false)
    expect(availability(base).backup).toBe(true)
  })

  it('while a reset runs, nothing that could break it can be entered', () => {
    const open = availability({ ...base, backup, run: { status: 'running', installationId: server.id, events: [], result: null } })
    expect([open.welcome, open.find, open.diagnosis, open.backup, open.claim, open.restore]).toEqual([false, false, false, false, false, false])
  })

  it('claim opens after a finished reset, done after the claim', () => {
    const finished = { ...base, backup, run: { status: 'finished' as const, installationId: server.id, events: [], result: null } }
    expect(availability(finished).claim).toBe(true)
    expect(availability(finished).done).toBe(false)
    expect(availability({ ...finished, claim: { ...finished.claim, status: 'claimed' } }).done).toBe(true)
  })
})
