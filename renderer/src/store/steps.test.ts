import { describe, expect, it } from 'vitest'
import type { InstallationView } from '../../../preload/contract'
import { availability } from './steps'
import { IDLE_RUN, INITIAL_STATE, type WizardState } from './state'

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

const base: WizardState = { ...INITIAL_STATE, installations: [server], selectedId: server.id, canStillSignIn: false }

const backup = { installationId: server.id, location: '/b/1', backup: { id: '20261128-100000-abcdef', createdAt: '', reason: 'reset', target: '', installType: '', sha256: 'a'.repeat(64), size: 1, account: { username: null, maskedEmail: null }, keysPresent: [], installationId: null, usedBy: null } }

describe('step availability, derived from state', () => {
  it('the review cannot be reached without a verified backup of the chosen server, and the Reset step only shows a run', () => {
    expect(availability(base).review).toBe(false)
    expect(availability({ ...base, backup }).review).toBe(true)
    expect(availability({ ...base, backup: { ...backup, installationId: 'pms-ffffffffff' } }).review).toBe(false)
    expect(availability({ ...base, backup }).reset).toBe(false)
  })

  it('after "Yes, I can sign in" neither the backup nor the review nor the reset opens', () => {
    const open = availability({ ...base, backup, canStillSignIn: true })
    expect([open.backup, open.review, open.reset]).toEqual([false, false, false])
  })

  it('Diagnosis stays closed until a server is chosen', () => {
    expect(availability({ ...base, selectedId: null }).diagnosis).toBe(false)
  })

  it('the backup step needs a signed-in server the user cannot sign in as', () => {
    expect(availability({ ...base, canStillSignIn: null }).backup).toBe(false)
    expect(availability({ ...base, canStillSignIn: true }).backup).toBe(false)
    expect(availability(base).backup).toBe(true)
  })

  it('while a reset runs, nothing that could break it can be entered', () => {
    const open = availability({ ...base, backup, run: { ...IDLE_RUN, status: 'running', installationId: server.id } })
    expect([open.welcome, open.find, open.diagnosis, open.backup, open.claim, open.restore]).toEqual([false, false, false, false, false, false])
  })

  it('claim opens when the server says it is signed out (after a reset), done after the claim', () => {
    const signedOut = { ...server, account: { ...server.account!, username: null, keysPresent: [] } }
    const afterReset = { ...base, installations: [signedOut], run: { ...IDLE_RUN, status: 'finished' as const, installationId: server.id }, finished: { kind: 'reset' as const, installationId: server.id, status: 'finished' as const, label: '', earlier: false } }
    expect(availability(afterReset).claim).toBe(true)
    expect(availability(afterReset).done).toBe(false)
    const claimed = { ...afterReset, installations: [server], run: IDLE_RUN, finished: { ...afterReset.finished, kind: 'claim' as const } }
    expect(availability(claimed).done).toBe(true)
  })

  it('a second pass: a finished reset does not close Back up and Review once the server is signed in again', () => {
    const again = { ...base, backup, finished: { kind: 'claim' as const, installationId: server.id, status: 'finished' as const, label: '', earlier: false } }
    const open = availability(again)
    expect([open.diagnosis, open.backup, open.review, open.claim, open.done]).toEqual([true, true, true, true, true])
  })

  it('while a restore runs, only Restore is open; after it, Claim and Done say what the server says', () => {
    const restoring = availability({ ...base, restore: { recordId: 'r', status: 'running', backupId: null, events: [], standing: null }, run: { ...IDLE_RUN, status: 'finished', installationId: server.id } })
    expect(Object.entries(restoring).filter(([, v]) => v).map(([k]) => k)).toEqual(['restore'])
    const restored = availability({ ...base, canStillSignIn: null, finished: { kind: 'restore', installationId: server.id, status: 'finished', label: '', earlier: false } })
    expect([restored.claim, restored.done, restored.reset]).toEqual([true, true, false])
  })

  it('settings that need permission do not dead-end: Claim opens (claiming reads no file), Back up stays closed (the elevated run backs up), and the reset is still reviewed first', () => {
    const locked = { ...server, account: null, readError: { code: 'NEEDS_PERMISSION', message: '' } }
    const open = availability({ ...base, installations: [locked], canStillSignIn: null })
    expect([open.diagnosis, open.claim, open.backup, open.review]).toEqual([true, true, false, true])
    const unreadable = availability({ ...base, installations: [{ ...locked, readError: { code: 'MALFORMED_XML', message: '' } }], canStillSignIn: null })
    expect(unreadable.claim).toBe(false)
  })
})
