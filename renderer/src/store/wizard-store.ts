import { create } from 'zustand'
import type { AppInfo, BackupView, ClaimRoutes, CreatedBackup, CutOffRun, InstallationView, ProgressEvent, RemoteConnectPayload, RunView } from '../../../preload/contract'
import { availability, type StepId } from './steps'

export interface UiError {
  readonly code: string
  readonly message: string
  /** A run whose log "Copy details" adds. */
  readonly runId?: string
}

type RunStatus = 'idle' | 'running' | 'finished' | 'failed'

export interface WizardState {
  readonly info: AppInfo | null
  readonly step: StepId
  readonly installations: InstallationView[] | null
  readonly detecting: boolean
  readonly selectedId: string | null
  /** The Diagnosis answer; null until given. */
  readonly canStillSignIn: boolean | null
  readonly backup: (CreatedBackup & { readonly installationId: string }) | null
  readonly backingUp: boolean
  readonly run: { readonly status: RunStatus; readonly installationId: string | null; readonly events: readonly ProgressEvent[]; readonly result: RunView | null }
  readonly routes: ClaimRoutes | null
  readonly claim: { readonly status: 'idle' | 'claiming' | 'signing-in' | 'claimed'; readonly username: string | null; readonly openedAt: number | null; readonly token: string }
  readonly backups: BackupView[] | null
  readonly restore: { readonly status: 'idle' | 'running' | 'finished'; readonly backupId: string | null; readonly events: readonly ProgressEvent[] }
  readonly cutOff: CutOffRun[]
  readonly error: UiError | null
  /** "A server on another machine…": the form's state; passwords never enter the store. */
  readonly remote: { readonly status: 'closed' | 'open' | 'connecting' | 'confirm'; readonly fingerprint: string | null }
}

export interface WizardActions {
  init(): Promise<void>
  goTo(step: StepId): void
  detect(): Promise<void>
  chooseFile(): Promise<void>
  openRemote(open: boolean): void
  connectRemote(form: RemoteConnectPayload): Promise<void>
  select(id: string): void
  answerDiagnosis(canStillSignIn: boolean): void
  takeBackup(): Promise<void>
  startReset(): Promise<void>
  loadRoutes(): Promise<void>
  /** To the Claim step, with the ways to claim loaded. */
  openClaim(): void
  openedClaimPage(): void
  setToken(token: string): void
  demoToken(): Promise<void>
  submitClaim(): Promise<void>
  signIn(): Promise<void>
  cancelSignIn(): Promise<void>
  loadBackups(): Promise<void>
  restoreBackup(backupId: string): Promise<void>
  finishCutOff(runId: string, how: 'resume' | 'rollback'): Promise<void>
  details(): Promise<string>
  dismissError(): void
  startOver(): void
}

export const INITIAL_STATE: WizardState = {
  info: null,
  step: 'welcome',
  installations: null,
  detecting: false,
  selectedId: null,
  canStillSignIn: null,
  backup: null,
  backingUp: false,
  run: { status: 'idle', installationId: null, events: [], result: null },
  routes: null,
  claim: { status: 'idle', username: null, openedAt: null, token: '' },
  backups: null,
  restore: { status: 'idle', backupId: null, events: [] },
  cutOff: [],
  error: null,
  remote: { status: 'closed', fingerprint: null }
}

/** Actions call window.api; components only read state and call actions. */
export const useWizard = create<WizardState & WizardActions>()((set, get) => {
  const fail = (r: { code: string; message: string }, runId?: string): void => set({ error: { code: r.code, message: r.message, runId } })

  return {
    ...INITIAL_STATE,

    async init() {
      window.api.onProgress((event) => {
        const s = get()
        if (s.restore.status === 'running') set({ restore: { ...s.restore, events: [...s.restore.events, event] } })
        else if (s.run.status === 'running') set({ run: { ...s.run, events: [...s.run.events, event] } })
      })
      const [info, cutOff] = await Promise.all([window.api.getAppInfo(), window.api.cutOffRuns()])
      if (info.ok) set({ info: info.value })
      else fail(info)
      if (cutOff.ok) set({ cutOff: cutOff.value })
    },

    goTo(step) {
      if (availability(get())[step]) set({ step, error: null })
    },

    async detect() {
      set({ detecting: true, error: null })
      const r = await window.api.detectInstallations()
      set({ detecting: false })
      if (!r.ok) return fail(r)
      set({ installations: r.value, selectedId: r.value.length === 1 ? r.value[0]!.id : get().selectedId })
    },

    async chooseFile() {
      const r = await window.api.chooseSettingsFile()
      if (!r.ok) return fail(r)
      if (!r.value) return
      const chosen = r.value
      set({ installations: [...(get().installations ?? []).filter((i) => i.id !== chosen.id), chosen], selectedId: chosen.id })
    },

    openRemote(open) {
      set({ remote: { status: open ? 'open' : 'closed', fingerprint: null }, error: null })
    },

    async connectRemote(form) {
      set({ remote: { ...get().remote, status: 'connecting' }, error: null })
      const r = await window.api.connectRemote(form)
      if (!r.ok) {
        set({ remote: { status: 'open', fingerprint: null } })
        return fail(r)
      }
      if (r.value.status === 'confirm-fingerprint') return set({ remote: { status: 'confirm', fingerprint: r.value.fingerprint } })
      const added = r.value.installations
      const ids = new Set(added.map((i) => i.id))
      set({
        remote: { status: 'closed', fingerprint: null },
        installations: [...(get().installations ?? []).filter((i) => !ids.has(i.id)), ...added],
        selectedId: added.length === 1 ? added[0]!.id : get().selectedId
      })
    },

    select(id) {
      set({ selectedId: id, canStillSignIn: null, backup: null, step: 'diagnosis', error: null })
    },

    answerDiagnosis(canStillSignIn) {
      set({ canStillSignIn })
      if (!canStillSignIn) set({ step: 'backup' })
    },

    async takeBackup() {
      const installationId = get().selectedId
      if (!installationId) return
      set({ backingUp: true, error: null })
      const r = await window.api.createBackup({ installationId })
      set({ backingUp: false })
      if (!r.ok) return fail(r)
      set({ backup: { ...r.value, installationId } })
    },

    async startReset() {
      const { selectedId, backup } = get()
      if (!selectedId || !backup) return
      set({ step: 'reset', error: null, run: { status: 'running', installationId: selectedId, events: [], result: null } })
      const r = await window.api.startReset({ installationId: selectedId, backupId: backup.backup.id })
      const events = get().run.events
      if (!r.ok) {
        set({ run: { status: 'failed', installationId: selectedId, events, result: null } })
        return fail(r, events[0]?.runId)
      }
      set({ run: { status: 'finished', installationId: selectedId, events, result: r.value } })
    },

    async loadRoutes() {
      const installationId = get().selectedId
      if (!installationId) return
      const r = await window.api.claimRoutes({ installationId })
      if (r.ok) set({ routes: r.value })
    },

    openClaim() {
      void get().loadRoutes()
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
      if (!r.ok) return fail(r)
      set({ claim: { ...get().claim, token: r.value, openedAt: Date.now() } })
    },

    async submitClaim() {
      const { selectedId, claim } = get()
      if (!selectedId) return
      set({ claim: { ...claim, status: 'claiming' }, error: null })
      const r = await window.api.claimWithToken({ installationId: selectedId, token: claim.token })
      if (!r.ok) {
        set({ claim: { ...get().claim, status: 'idle' } })
        return fail(r)
      }
      set({ claim: { ...get().claim, status: 'claimed', username: r.value.username }, step: 'done' })
    },

    async signIn() {
      const { selectedId } = get()
      if (!selectedId) return
      set({ claim: { ...get().claim, status: 'signing-in' }, error: null })
      const started = await window.api.startSignIn({ installationId: selectedId })
      if (!started.ok) {
        set({ claim: { ...get().claim, status: 'idle' } })
        return fail(started)
      }
      // In the desktop app main opened the system browser; in a browser this page opens a tab.
      if (!started.value.opened) window.open(started.value.authUrl, '_blank', 'noopener,noreferrer')
      const r = await window.api.waitSignIn({ installationId: selectedId })
      if (!r.ok) {
        set({ claim: { ...get().claim, status: 'idle' } })
        return r.code === 'SIGN_IN_CANCELLED' ? undefined : fail(r)
      }
      set({ claim: { ...get().claim, status: 'claimed', username: r.value.username }, step: 'done' })
    },

    async cancelSignIn() {
      const { selectedId } = get()
      if (selectedId) await window.api.cancelSignIn({ installationId: selectedId })
      set({ claim: { ...get().claim, status: 'idle' } })
    },

    async loadBackups() {
      const r = await window.api.listBackups()
      if (!r.ok) return fail(r)
      set({ backups: r.value })
    },

    async restoreBackup(backupId) {
      set({ restore: { status: 'running', backupId, events: [] }, error: null })
      const r = await window.api.restoreBackup({ backupId })
      const events = get().restore.events
      if (!r.ok) {
        set({ restore: { status: 'idle', backupId, events } })
        return fail(r, events[0]?.runId)
      }
      set({ restore: { status: 'finished', backupId, events } })
      await get().loadBackups()
    },

    async finishCutOff(runId, how) {
      set({ error: null })
      const r = how === 'resume' ? await window.api.resumeRun({ runId }) : await window.api.rollbackRun({ runId })
      if (!r.ok) return fail(r, runId)
      const cutOff = await window.api.cutOffRuns()
      if (cutOff.ok) set({ cutOff: cutOff.value })
    },

    async details() {
      const { error, info } = get()
      const lines = [`Plex Reclaim ${info?.version ?? ''} on ${info?.platform ?? ''}`, `Error: ${error?.code ?? ''}: ${error?.message ?? ''}`]
      if (error?.runId) {
        const log = await window.api.runDetails({ runId: error.runId })
        if (log.ok && log.value) lines.push('', log.value)
      }
      // Tokens never reach the renderer; this also masks anything that looks like one.
      return lines.join('\n').replace(/(X-Plex-Token=|token=)[^\s&]+/gi, '$1***')
    },

    dismissError() {
      set({ error: null })
    },

    startOver() {
      set({ ...INITIAL_STATE, info: get().info, cutOff: get().cutOff })
    }
  }
})
