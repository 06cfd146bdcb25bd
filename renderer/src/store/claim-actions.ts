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
  const claimed = (v: ClaimedView): void => set({ claim: { ...get().claim, status: 'claimed', username: v.username, accountChange: v.accountChange }, step: 'done', error: null })
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
      set({ claim: { ...claim, status: 'claiming' }, error: null })
      const r = await window.api.claimWithToken({ installationId: selectedId, token: claim.token.trim() })
      if (!r.ok) return claimFailed(r)
      claimed(r.value)
    },

    async signIn() {
      const { selectedId } = get()
      if (!selectedId) return
      set({ claim: { ...get().claim, status: 'signing-in', accountChange: null }, error: null })
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
      claimed(r.value)
    },

    async confirmSignIn() {
      const { selectedId } = get()
      if (!selectedId) return
      set({ claim: { ...get().claim, status: 'claiming' }, error: null })
      const r = await window.api.confirmSignIn({ installationId: selectedId })
      if (!r.ok) return claimFailed(r)
      claimed(r.value)
    },

    async cancelSignIn() {
      const { selectedId } = get()
      if (selectedId) await window.api.cancelSignIn({ installationId: selectedId })
      set({ claim: { ...get().claim, status: 'idle', accountChange: null } })
    }
  }
}
