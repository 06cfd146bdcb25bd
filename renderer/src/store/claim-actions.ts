import type { ApiResult, ClaimedView } from '../../../preload/contract'
import type { WizardState } from './state'
import type { Fail, Store } from './wizard-store'

export interface ClaimActions {
  /** Asks main what plex.tv says of the server's sign-in, and what local access it has. */
  diagnose(): Promise<void>
  /** The account the server had, for the general note before a claim code. */
  loadPreviousAccount(): Promise<void>
  submitClaim(): Promise<void>
  signIn(): Promise<void>
  /** After "another account" was shown: claim with it. */
  confirmSignIn(): Promise<void>
  /** Stops waiting, or declines the other account: main signs the device token out. */
  cancelSignIn(): Promise<void>
}

type Get = () => Store

export function claimActions(set: (patch: Partial<WizardState>) => void, get: Get, fail: Fail): ClaimActions {
  /** Claimed: the server is read again, so Done says who it is signed in as now; the reset's story ends. */
  const claimed = async (installationId: string, v: ClaimedView): Promise<void> => {
    set({ claim: { ...get().claim, status: 'claimed', username: v.username, accountChange: v.accountChange }, errors: { ...get().errors, claim: undefined } })
    const now = await window.api.readStanding({ installationId })
    if (now.ok) get().observed(installationId, now.value)
    set({ finished: { kind: 'claim', installationId, status: 'finished', label: '', earlier: false }, step: 'done' })
  }
  const claimFailed = (r: ApiResult<unknown> & { ok: false }): void => {
    // The countdown stops at an error: that code is spent.
    set({ claim: { ...get().claim, status: 'idle', openedAt: null, accountChange: null } })
    fail(r, 'claim')
  }

  return {
    async diagnose() {
      const installationId = get().selectedId
      if (!installationId) return
      set({ diagnosis: { status: 'asking', view: null } })
      const r = await window.api.diagnoseInstallation({ installationId })
      // Another server chosen meanwhile: this answer is not about it.
      if (get().selectedId !== installationId) return
      // No answer is the same as plex.tv not answering: the general question stays.
      set({ diagnosis: { status: 'known', view: r.ok ? r.value : { signIn: { state: 'unknown', reason: 'unreachable' }, localAccess: null } } })
    },

    async loadPreviousAccount() {
      const installationId = get().selectedId
      if (!installationId) return
      const r = await window.api.previousAccount({ installationId })
      if (r.ok) set({ claim: { ...get().claim, previousAccount: r.value } })
    },

    async submitClaim() {
      const { selectedId, claim } = get()
      if (!selectedId) return
      set({ claim: { ...claim, status: 'claiming' }, errors: { ...get().errors, claim: undefined } })
      const r = await window.api.claimWithToken({ installationId: selectedId, token: claim.token.trim() })
      if (!r.ok) return claimFailed(r)
      await claimed(selectedId, r.value)
    },

    async signIn() {
      const { selectedId } = get()
      if (!selectedId) return
      set({ claim: { ...get().claim, status: 'signing-in', accountChange: null }, errors: { ...get().errors, claim: undefined } })
      const started = await window.api.startSignIn({ installationId: selectedId })
      if (!started.ok) return claimFailed(started)
      // In the desktop app main opened the system browser; in a browser this page opens a tab.
      if (!started.value.opened) window.open(started.value.authUrl, '_blank', 'noopener,noreferrer')
      const r = await window.api.waitSignIn({ installationId: selectedId })
      if (!r.ok) {
        if (r.code === 'SIGN_IN_CANCELLED') return set({ claim: { ...get().claim, status: 'idle' } })
        return claimFailed(r)
      }
      // Another account than the server had: nothing is claimed until the user says so.
      if (r.value.status === 'needs-confirmation') {
        const { previousAccount, newAccount } = r.value
        return set({ claim: { ...get().claim, status: 'confirming', accountChange: { previousAccount, newAccount } } })
      }
      await claimed(selectedId, r.value)
    },

    async confirmSignIn() {
      const { selectedId } = get()
      if (!selectedId) return
      set({ claim: { ...get().claim, status: 'claiming' }, errors: { ...get().errors, claim: undefined } })
      const r = await window.api.confirmSignIn({ installationId: selectedId })
      if (!r.ok) return claimFailed(r)
      await claimed(selectedId, r.value)
    },

    async cancelSignIn() {
      const { selectedId } = get()
      if (selectedId) await window.api.cancelSignIn({ installationId: selectedId })
      set({ claim: { ...get().claim, status: 'idle', accountChange: null } })
    }
  }
}
