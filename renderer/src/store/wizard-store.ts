import { create } from 'zustand'
import type { RemoteConnectPayload } from '../../../preload/contract'
import { claimActions, type ClaimActions } from './claim-actions'
import { progressRows } from './progress'
import { runActions, type RunActions } from './run-actions'
import { IDLE_CLAIM, INITIAL_STATE, type Place, type WizardState } from './state'
import { availability, type StepId } from './steps'

export { INITIAL_STATE, type UiError, type WizardState } from './state'

export interface WizardActions extends RunActions, ClaimActions {
  init(): Promise<void>
  goTo(step: StepId): void
  detect(): Promise<void>
  /** The chosen file's server id, and whether it was listed already; null when nothing was chosen. */
  chooseFile(): Promise<{ readonly id: string; readonly listed: boolean } | null>
  openRemote(open: boolean): void
  connectRemote(form: RemoteConnectPayload): Promise<void>
  select(id: string): void
  answerDiagnosis(canStillSignIn: boolean): void
  takeBackup(): Promise<void>
  loadRoutes(): Promise<void>
  /** To the Claim step, with the ways to claim loaded. */
  openClaim(): void
  openedClaimPage(): void
  setToken(token: string): void
  demoToken(): Promise<void>
  loadBackups(): Promise<void>
  details(): Promise<string>
  startOver(): void
}

export type Store = WizardState & WizardActions
export type Set = (patch: Partial<WizardState>) => void
export type Fail = (r: { code: string; message: string }, place: Place, runId?: string) => void

/** Actions call window.api; components only read state and call actions. */
export const useWizard = create<Store>()((set, get) => {
  const fail: Fail = (r, place, runId) => set({ error: { code: r.code, message: r.message, place, runId } })

  return {
    ...INITIAL_STATE,
    ...runActions(set, get, fail),
    ...claimActions(set, get, fail),

    async init() {
      window.api.onProgress((event) => get().onProgress(event))
      const info = await window.api.getAppInfo()
      if (info.ok) set({ info: info.value })
      else fail(info, 'welcome')
      await get().reattach()
    },

    goTo(step) {
      if (availability(get())[step]) set({ step, error: null })
    },

    async detect() {
      set({ detecting: true, error: null })
      const r = await window.api.detectInstallations()
      set({ detecting: false })
      if (!r.ok) return fail(r, 'find')
      // Nothing is chosen for the user: Diagnosis opens only after "Use this server".
      const keep = r.value.some((i) => i.id === get().selectedId)
      set({ installations: [...r.value, ...(get().installations ?? []).filter((i) => i.host !== 'this computer')], selectedId: keep ? get().selectedId : null })
    },

    async chooseFile() {
      set({ error: null })
      const r = await window.api.chooseSettingsFile()
      if (!r.ok) return (fail(r, 'find'), null)
      if (!r.value) return null
      const chosen = r.value
      // The same settings file, found or chosen before, is one server: never listed twice.
      const same = (i: typeof chosen): boolean => i.id === chosen.id || (i.host === chosen.host && i.store === chosen.store)
      const existing = get().installations?.find(same)
      set({ installations: [...(get().installations ?? []).filter((i) => !same(i)), existing ?? chosen] })
      return { id: (existing ?? chosen).id, listed: existing !== undefined }
    },

    openRemote(open) {
      set({ remote: { status: open ? 'open' : 'closed', fingerprint: null }, error: null })
    },

    async connectRemote(form) {
      set({ remote: { ...get().remote, status: 'connecting' }, error: null })
      const r = await window.api.connectRemote(form)
      if (!r.ok) {
        set({ remote: { status: 'open', fingerprint: null } })
        return fail(r, 'remote')
      }
      if (r.value.status === 'confirm-fingerprint') return set({ remote: { status: 'confirm', fingerprint: r.value.fingerprint } })
      const added = r.value.installations
      const ids = new Set(added.map((i) => i.id))
      set({ remote: { status: 'closed', fingerprint: null }, installations: [...(get().installations ?? []).filter((i) => !ids.has(i.id)), ...added] })
    },

    select(id) {
      set({ selectedId: id, canStillSignIn: null, backup: null, step: 'diagnosis', error: null, claim: IDLE_CLAIM })
      void get().diagnose()
    },

    answerDiagnosis(canStillSignIn) {
      set({ canStillSignIn })
      if (canStillSignIn) void get().loadRoutes()
      else set({ step: 'backup' })
    },

    async takeBackup() {
      const installationId = get().selectedId
      if (!installationId) return
      set({ backingUp: true, error: null })
      const r = await window.api.createBackup({ installationId })
      set({ backingUp: false })
      if (!r.ok) return fail(r, 'backup')
      set({ backup: { ...r.value, installationId } })
    },

    async loadRoutes() {
      const installationId = get().selectedId
      if (!installationId) return
      const r = await window.api.claimRoutes({ installationId })
      if (r.ok) set({ routes: r.value })
    },

    openClaim() {
      void get().loadRoutes()
      void get().loadPreviousAccount()
      get().goTo('claim')
    },

    openedClaimPage() {
      set({ claim: { ...get().claim, openedAt: Date.now() } })
    },

    setToken(token) {
      set({ claim: { ...get().claim, token } })
    },

    async demoToken() {
      const r = await window.api.demoClaimToken()
      if (!r.ok) return fail(r, 'claim')
      // A new code: the countdown starts again and the old code's error goes.
      set({ claim: { ...get().claim, token: r.value, openedAt: Date.now() }, error: null })
    },

    async loadBackups() {
      const r = await window.api.listBackups()
      if (!r.ok) return fail(r, 'restore')
      set({ backups: r.value })
    },

    async details() {
      const { error, info, run, restore } = get()
      // The same truth as the list on screen: each step's status from the one progress model.
      const events = error?.place === 'restore' ? restore.events : run.events
      const steps = [...new Set(events.map((e) => e.step))]
      const rows = progressRows(steps, events, error?.place === 'restore' ? restore.status : run.status).map((r) => `  ${r.step}: ${r.status}`)
      const lines = [`Plex Reclaim ${info?.version ?? ''} on ${info?.platform ?? ''}`, `Error: ${error?.code ?? ''}: ${error?.message ?? ''}`, ...(rows.length ? ['Steps:', ...rows] : [])]
      if (error?.runId) {
        const log = await window.api.runDetails({ runId: error.runId })
        if (log.ok && log.value) lines.push('', log.value)
      }
      // Tokens never reach the renderer; this also masks anything that looks like one.
      return lines.join('\n').replace(/(X-Plex-Token=|token=)[^\s&]+/gi, '$1***')
    },

    startOver() {
      set({ ...INITIAL_STATE, info: get().info, cutOff: get().cutOff })
    }
  }
})
