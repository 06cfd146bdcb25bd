import { create } from 'zustand'
import type { OwnershipView } from '../../../preload/contract'

/**
 * plex.tv's word on Done and "Save a support report": state of their own, beside the wizard's.
 * Asked only when Done shows a claim just made (never on a re-read of the wizard's state).
 */
export interface SupportState {
  readonly ownership: { readonly status: 'idle' | 'asking' | 'known'; readonly installationId: string | null; readonly view: OwnershipView | null }
  readonly report: { readonly status: 'idle' | 'saving' | 'saved' | 'failed'; readonly path: string | null; readonly includeEmail: boolean }
}

export interface SupportActions {
  /** `claim`: the wizard's claim it follows (a new claim is asked about again, the same one once). */
  checkOwnership(installationId: string, claim: object): Promise<void>
  setIncludeEmail(on: boolean): void
  saveReport(installationId: string | null, error: { code: string; message: string } | null): Promise<void>
}

export const INITIAL_SUPPORT: SupportState = {
  ownership: { status: 'idle', installationId: null, view: null },
  report: { status: 'idle', path: null, includeEmail: false }
}

let askedFor: object | null = null

export const useSupport = create<SupportState & SupportActions>()((set, get) => ({
  ...INITIAL_SUPPORT,

  async checkOwnership(installationId, claim) {
    if (askedFor === claim) return // asked once per claim shown
    askedFor = claim
    set({ ownership: { status: 'asking', installationId, view: null } })
    const r = await window.api.checkOwnership({ installationId })
    // No answer at all is said like plex.tv not answering: the check could not be made.
    const view: OwnershipView | null = r.ok ? r.value : { state: 'unreachable', account: null, serverName: null, expectedAccount: null, accountDiffers: false, plexWeb: null }
    if (askedFor === claim) set({ ownership: { status: 'known', installationId, view } })
  },

  setIncludeEmail(on) {
    set({ report: { ...get().report, includeEmail: on } })
  },

  async saveReport(installationId, error) {
    const includeEmail = get().report.includeEmail
    set({ report: { status: 'saving', path: null, includeEmail } })
    const r = await window.api.saveSupportReport({ installationId, includeEmail, error })
    set({ report: { status: r.ok ? 'saved' : 'failed', path: r.ok ? r.value.path : null, includeEmail } })
  }
}))
