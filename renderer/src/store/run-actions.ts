import type { AccountView, ApiResult, ProgressEvent, RunRecord, RunStarted } from '../../../preload/contract'
import { IDLE_CLAIM, IDLE_RESTORE, IDLE_RUN, type Finished, type RunState, type WizardState } from './state'
import type { Fail, Store } from './wizard-store'

export interface RunActions {
  /** A step of a run: routed by its record id to the run this page shows, or kept until the page learns that id. */
  onProgress(event: ProgressEvent): void
  /** A run's end, with its result or error and where things stand. */
  onRunEnded(record: RunRecord): void
  /** After a (re)load: a live run is followed; a finished one is a note on Welcome. */
  reattach(): Promise<void>
  startReset(): Promise<void>
  restoreBackup(backupId: string): Promise<void>
  finishCutOff(runId: string, how: 'resume' | 'rollback'): Promise<void>
  /** What the server says now (a run's standing, or a re-read after a claim) replaces what the list said. */
  observed(installationId: string, now: { readonly account: AccountView | null; readonly running: boolean | null }, settingsChanged?: boolean): void
}

const sameEvent = (a: ProgressEvent, b: ProgressEvent): boolean => a.recordId === b.recordId && a.step === b.step && a.status === b.status && a.elapsedMs === b.elapsedMs
const fromRecord = (r: RunRecord): RunState => ({ recordId: r.id, status: r.status, kind: r.kind, action: r.action, installationId: r.installationId, label: r.label, events: r.events, result: r.result, standing: r.standing })
/** A restore of a chosen backup shows in Restore; a reset, or a cut-off run finished or undone, in Reset. */
const inRestore = (r: Pick<RunRecord, 'kind' | 'action'>): boolean => r.kind === 'restore' && r.action === 'run'

/**
 * Events and ends of records this page has not been told about yet: a run channel's answer (the
 * record id) and the run's first events travel separately. Bounded: only the newest few records.
 */
const early = new Map<string, { events: ProgressEvent[]; ended: RunRecord | null }>()
const keep = (id: string): { events: ProgressEvent[]; ended: RunRecord | null } => {
  const entry = early.get(id) ?? { events: [], ended: null }
  early.set(id, entry)
  for (const old of [...early.keys()].slice(0, Math.max(0, early.size - 4))) early.delete(old)
  return entry
}

type Get = () => Store
export function runActions(set: (patch: Partial<WizardState>) => void, get: Get, fail: Fail): RunActions {
  /** A record's end: shown where it belongs; what it read of the server replaces what the page knew. */
  const ended = (r: RunRecord, earlier = false): void => {
    const place = inRestore(r) ? 'restore' : 'reset'
    if (place === 'restore') set({ restore: { recordId: r.id, status: r.status, backupId: r.backupId, events: r.events, standing: r.standing } })
    else set({ run: fromRecord(r) })
    if (r.status === 'running') return
    if (r.error) fail({ ...r.error, recordId: r.id }, place, r.runId ?? undefined)
    const kind: Finished['kind'] = r.kind === 'restore' || r.action === 'rollback' ? 'restore' : 'reset'
    set({ finished: { kind, installationId: r.installationId, status: r.status, label: r.label, earlier }, selectedId: get().selectedId ?? r.installationId })
    // A restore chosen from Welcome: the servers are found so the next step can name and reset this one.
    if (!earlier && get().installations === null) void get().detect()
    if (r.standing) {
      // A finished reset's last verification proved the four values gone, even where the settings could not be read again.
      const gone = r.status === 'finished' && kind === 'reset' && r.result?.outcome === 'finished'
      const before = get().installations?.find((i) => i.id === r.installationId)?.account ?? null
      const account = r.standing.account ?? (gone && before ? { ...before, username: null, maskedEmail: null, tokenPresent: false, keysPresent: [] } : null)
      // A run that changed nothing (it failed before the edit) leaves the verified backup current.
      get().observed(r.installationId, { account, running: r.standing.serverRunning }, r.standing.settingsChanged !== false)
    }
    // A run that changed the server ends the claim that was; a restore ends the reset's story too.
    if (r.status === 'finished') set(kind === 'restore' ? { claim: IDLE_CLAIM, run: place === 'restore' ? IDLE_RUN : get().run } : { claim: IDLE_CLAIM })
    // A run takes backups: the list is read again (now, if it is on screen; else when Restore opens).
    if (place === 'restore') void get().loadBackups()
    else set({ backups: null })
    // A cut-off run finished or undone: main's list of cut-off runs is asked again, once, at its end.
    if (r.action !== 'run' && !earlier) void window.api.listRuns().then((list) => list.ok && set({ cutOff: list.value.cutOff }))
  }

  /** Starts a run: main answers with its record id at once; progress and the end arrive as events naming it. */
  const start = async (place: 'reset' | 'restore', call: () => Promise<ApiResult<RunStarted>>): Promise<void> => {
    const r = await call()
    if (!r.ok) {
      // Refused before any run began: nothing ran, nothing to follow.
      set(place === 'reset' ? { run: { ...get().run, status: 'failed' } } : { restore: { ...get().restore, status: 'failed' } })
      return fail(r, place)
    }
    const { recordId } = r.value
    set(place === 'reset' ? { run: { ...get().run, recordId } } : { restore: { ...get().restore, recordId } })
    const waiting = early.get(recordId)
    early.delete(recordId)
    for (const e of waiting?.events ?? []) get().onProgress(e)
    if (waiting?.ended) ended(waiting.ended)
  }

  return {
    onProgress(event) {
      const { run, restore } = get()
      if (event.recordId === run.recordId) {
        if (!run.events.some((e) => sameEvent(e, event))) set({ run: { ...run, events: [...run.events, event] } })
      } else if (event.recordId === restore.recordId) {
        if (!restore.events.some((e) => sameEvent(e, event))) set({ restore: { ...restore, events: [...restore.events, event] } })
      } else keep(event.recordId).events.push(event)
    },

    onRunEnded(record) {
      const { run, restore } = get()
      if (record.id === run.recordId || record.id === restore.recordId) ended(record)
      else keep(record.id).ended = record
    },

    async reattach() {
      const list = await window.api.listRuns()
      if (!list.ok) return
      set({ cutOff: list.value.cutOff })
      const latest = list.value.runs[0]
      if (!latest) return
      // The servers list is gone with the page: found again so every step can name the server and read its standing.
      set({ selectedId: latest.installationId })
      if (latest.status !== 'running') {
        // A run that ended before this page: Welcome says so; nothing opens by itself.
        ended(latest, true)
        return void get().detect()
      }
      ended(latest)
      set({ step: inRestore(latest) ? 'restore' : 'reset' })
      await get().detect()
    },

    async startReset() {
      const { selectedId, backup, installations } = get()
      const selected = installations?.find((i) => i.id === selectedId)
      // Settings only root may read: the one elevated run takes its own verified backup.
      const elevated = selected?.readError?.code === 'NEEDS_PERMISSION'
      if (!selectedId || (!backup && !elevated)) return
      set({ step: 'reset', run: { ...IDLE_RUN, status: 'running', installationId: selectedId, label: selected?.label ?? '' }, errors: { ...get().errors, reset: undefined } })
      await start('reset', () => window.api.startReset({ installationId: selectedId, backupId: backup?.backup.id ?? null }))
    },

    async restoreBackup(backupId) {
      set({ restore: { ...IDLE_RESTORE, status: 'running', backupId }, errors: { ...get().errors, restore: undefined } })
      await start('restore', () => window.api.restoreBackup({ backupId }))
    },

    async finishCutOff(runId, how) {
      const run = get().cutOff.find((r) => r.runId === runId)
      if (!run) return
      set({ step: 'reset', run: { ...IDLE_RUN, status: 'running', kind: run.kind, action: how, label: run.label }, errors: { ...get().errors, reset: undefined } })
      await start('reset', () => (how === 'resume' ? window.api.resumeRun({ runId }) : window.api.rollbackRun({ runId })))
    },

    observed(installationId, now, settingsChanged = true) {
      const list = get().installations
      const before = list?.find((i) => i.id === installationId)
      if (!list || !before) return
      const account = now.account ?? before.account
      const same = (a: AccountView | null, b: AccountView | null): boolean => a?.username === b?.username && (a?.keysPresent.length ?? 0) === (b?.keysPresent.length ?? 0)
      set({ installations: list.map((i) => (i.id === installationId ? { ...i, account, running: now.running ?? i.running } : i)) })
      // The settings changed: the old backup is no longer of them, and an answer about another account no longer holds.
      if (settingsChanged && get().backup?.installationId === installationId) set({ backup: null })
      if (installationId === get().selectedId && !same(account, before.account)) set({ canStillSignIn: null, diagnosis: { status: 'idle', view: null } })
    }
  }
}
