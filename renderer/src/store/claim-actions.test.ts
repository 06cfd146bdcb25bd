import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Api } from '../../../preload/contract'
import { INITIAL_STATE } from './state'
import { useWizard } from './wizard-store'

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value })
const OLD = { username: 'kate_old', maskedEmail: 'k***@example.com' }
const NEW = { username: 'kate_new', maskedEmail: 'k***@example.com' }
const ID = 'pms-0123456789'

let api: Record<string, ReturnType<typeof vi.fn>>

beforeEach(() => {
  useWizard.setState({ ...INITIAL_STATE, selectedId: ID })
  api = {
    startSignIn: vi.fn(() => ok({ authUrl: 'https://app.plex.tv/auth', opened: true })),
    waitSignIn: vi.fn(() => ok({ status: 'needs-confirmation', username: null, previousAccount: OLD, newAccount: NEW })),
    confirmSignIn: vi.fn(() => ok({ status: 'claimed', username: 'kate_new', accountChange: { previousAccount: OLD, newAccount: NEW } })),
    cancelSignIn: vi.fn(() => ok(null)),
    diagnoseInstallation: vi.fn(() => Promise.resolve({ ok: false as const, code: 'PLEX_TV_UNREACHABLE', message: 'no answer' })),
    previousAccount: vi.fn(() => ok(OLD)),
    readStanding: vi.fn(() => ok({ running: true, account: null }))
  }
  window.api = api as unknown as Api
})

describe('claim actions', () => {
  it('needs-confirmation is not a claim: the step waits for the user, Done stays closed', async () => {
    await useWizard.getState().signIn()
    const s = useWizard.getState()
    expect(s.claim).toMatchObject({ status: 'confirming', username: null, accountChange: { previousAccount: OLD, newAccount: NEW } })
    expect(s.step).not.toBe('done')
    expect(api.confirmSignIn).not.toHaveBeenCalled()
  })

  it('confirm claims with the new account and keeps the change for Done', async () => {
    await useWizard.getState().signIn()
    await useWizard.getState().confirmSignIn()
    expect(api.confirmSignIn).toHaveBeenCalledWith({ installationId: ID })
    expect(useWizard.getState()).toMatchObject({ step: 'done', claim: { status: 'claimed', username: 'kate_new', accountChange: { previousAccount: OLD } } })
  })

  it('cancel signs the device token out and forgets the other account', async () => {
    await useWizard.getState().signIn()
    await useWizard.getState().cancelSignIn()
    expect(api.cancelSignIn).toHaveBeenCalledWith({ installationId: ID })
    expect(useWizard.getState().claim).toMatchObject({ status: 'idle', accountChange: null })
  })

  it('no answer from the diagnosis keeps the general question, with no error shown', async () => {
    await useWizard.getState().diagnose()
    expect(useWizard.getState().diagnosis).toEqual({ status: 'known', view: { signIn: { state: 'unknown', reason: 'unreachable' }, localAccess: null } })
    expect(Object.values(useWizard.getState().errors).filter(Boolean)).toEqual([])
  })

  it('the previous account is loaded for the general note before a claim code', async () => {
    await useWizard.getState().loadPreviousAccount()
    expect(useWizard.getState().claim.previousAccount).toEqual(OLD)
  })
})
