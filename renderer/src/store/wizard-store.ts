import { create } from 'zustand'
import type { RemoteConnectPayload } from '../../../preload/contract'
import { claimActions, type ClaimActions } from './claim-actions'
import { progressRows } from './progress'
import { runActions, type RunActions } from './run-actions'
import { IDLE_CLAIM, INITIAL_STATE, type Place, type WizardState } from './state'
import { availability, type StepId } from './steps'

export { INITIAL_STATE, type UiError, type WizardState } from './state'

export interface WizardActions extends RunActions, ClaimActions {
  /** Subscribes to main's run events and loads what main knows; returns the unsubscribe, for the effect. */
  init(): () => void
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
  /** "Copy details" of the error shown in one place: that operation only. */
  details(place: Place): Promise<string>
  /** The server is signed in (again): the way back in starts at Diagnosis. */
  resetAgain(): void
  startOver(): void
}

export type Store = WizardState & WizardActions
export type Set = (patch: Partial<WizardState>) => void
export type Fail = (r: { readonly code: string; readonly message: string; readonly command?: string; readonly recordId?: string }, place: Place, runId?: string) => void

/** Actions call window.api; components only read state and call actions. */
export const useWizard = create<Store>()((set, get) => {
  const fail: Fail = (r, place, runId) => set({ errors: { ...get().errors, [place]: { code: r.code, message: r.message, place, runId, recordId: r.recordId, command: r.command } } })
  /** Trying the work of a place again clears that place's error, and only that. */
  const clear = (place: Place): Partial<WizardState> => ({ errors: { ...get().errors, [place]: undefined } })

  return {
    ...INITIAL_STATE,
    ...runActions(set, get, fail),
    ...claimActions(set, get, fail),

    init() {
      const offProgress = window.api.onProgress((event) => get().onProgress(event))
      const offEnded = window.api.onRunEnded((record) => get().onRunEnded(record))
      void (async () => {
        const info = await window.api.getAppInfo()
        if (info.ok) set({ info: info.value })
        else fail(info, 'welcome')
        await get().reattach()
      })()
      return () => {
        offProgress()
        offEnded()
      }
    },

    goTo(step) {
      if (!availability(get())[step]) return
      set({ step })
      // The server's account changed since the last answer: plex.tv is asked about the one it has now.
      if (step === 'diagnosis' && get().diagnosis.status === 'idle') void get().diagnose()
    },

    async detect() {
      set({ detecting: true, ...clear('find') })
      const r = await window.api.detectInstallations()
      set({ detecting: false })
      if (!r.ok) return fail(r, 'find')
      // Nothing is chosen for the user: Diagnosis opens only after "Use this server".
      const keep = r.value.some((i) => i.id === get().selectedId)
      set({ installations: [...r.value, ...(get().installations ?? []).filter((i) => i.host !== 'this computer')], selectedId: keep ? get().selectedId : null })
    },

    async chooseFile() {
      set(clear('find'))
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
      set({ remote: { status: open ? 'open' : 'closed', fingerprint: null }, ...clear('remote') })
    },

    async connectRemote(form) {
      set({ remote: { ...get().remote, status: 'connecting' }, ...clear('remote') })
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
      set({ selectedId: id, canStillSignIn: null, backup: null, step: 'diagnosis', claim: IDLE_CLAIM, ...clear('backup'), ...clear('claim') })
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
      set({ backingUp: true, ...clear('backup') })
      const r = await window.api.createBackup({ installationId })
      set({ backingUp: false })
      if (!r.ok) return fail(r, 'backup')
      // A new backup: the restore list is read again when it opens.
      set({ backup: { ...r.value, installationId }, backups: null })
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
      set({ claim: { ...get().claim, token: r.value, openedAt: Date.now() }, ...clear('claim') })
    },

    async loadBackups() {
      const r = await window.api.listBackups()
      if (!r.ok) return fail(r, 'restore')
      set({ backups: r.value })
    },

    async details(place) {
      const { info, run, restore } = get()
      const error = get().errors[place]
      // Only the run that failed has steps here (the same model as the list on screen); any other error is its operation alone.
      const shown = error?.recordId === undefined ? null : error.recordId === run.recordId ? run : error.recordId === restore.recordId ? restore : null
      const events = shown?.events ?? []
      const steps = [...new Set(events.map((e) => e.step))]
      const rows = progressRows(steps, events, shown?.status ?? 'failed').map((r) => `  ${r.step}: ${r.status}`)
      const lines = [`Plex Reclaim ${info?.version ?? ''} on ${info?.platform ?? ''}`, `Error: ${error?.code ?? ''}: ${error?.message ?? ''}`, ...(rows.length ? ['Steps:', ...rows] : [])]
      if (error?.runId) {
        const log = await window.api.runDetails({ runId: error.runId })
        if (log.ok && log.value) lines.push('', log.value)
      }
      // Tokens never reach the renderer; this also masks anything that looks like one.
      return lines.join('\n').replace(/(X-Plex-Token=|token=)[^\s&]+/gi, '$1***')
    },

    resetAgain() {
      get().goTo('diagnosis')
    },

    startOver() {
      set({ ...INITIAL_STATE, info: get().info, cutOff: get().cutOff })
    }
  }
})
