import type { ApiResult, ProgressEvent, RunRecord, RunView } from '../../../preload/contract'
import { IDLE_RUN, type RunState, type WizardState } from './state'
import type { Fail, Store } from './wizard-store'

export interface RunActions {
  onProgress(event: ProgressEvent): void
  /** After a reload: the run registry says what main is doing or has done; the wizard follows it. */
  reattach(): Promise<void>
  startReset(): Promise<void>
  restoreBackup(backupId: string): Promise<void>
  finishCutOff(runId: string, how: 'resume' | 'rollback'): Promise<void>
}

const POLL_MS = 700
const sameEvent = (a: ProgressEvent, b: ProgressEvent): boolean => a.runId === b.runId && a.step === b.step && a.status === b.status && a.elapsedMs === b.elapsedMs

const fromRecord = (r: RunRecord): RunState => ({ status: r.status, kind: r.kind, action: r.action, installationId: r.installationId, label: r.label, events: r.events, result: r.result, standing: r.standing })

type Get = () => Store

export function runActions(set: (patch: Partial<WizardState>) => void, get: Get, fail: Fail): RunActions {
  /** Shows a record: a reset (or a finished/undone cut-off run) in the Reset step, a restore in Restore. */
  const show = (r: RunRecord): void => {
    if (r.kind === 'restore' && r.action === 'run') set({ restore: { status: r.status, backupId: r.backupId, events: r.events, standing: r.standing } })
    else set({ run: fromRecord(r), selectedId: get().selectedId ?? r.installationId })
    if (r.error) fail(r.error, r.kind === 'restore' && r.action === 'run' ? 'restore' : 'reset', r.runId ?? undefined)
  }

  /** A run this page did not start (or lost with a reload) is followed by asking the registry. */
  const follow = async (id: string): Promise<void> => {
    for (;;) {
      await new Promise((r) => setTimeout(r, POLL_MS))
      const list = await window.api.listRuns()
      const record = list.ok ? list.value.runs.find((r) => r.id === id) : undefined
      if (!record) return
      if (record.status !== 'running') {
        show(record)
        set({ cutOff: list.ok ? list.value.cutOff : get().cutOff })
        if (record.kind === 'restore' && record.action === 'run') void get().loadBackups()
        return
      }
    }
  }

  /** Runs a run-starting call; its events arrive meanwhile; its end is read back from the registry. */
  const track = async (start: Partial<WizardState>, call: () => Promise<ApiResult<RunView>>, place: 'reset' | 'restore'): Promise<void> => {
    set({ ...start, error: null })
    // Only a record this call made is its outcome: a refusal before the run began makes none.
    const before = await window.api.listRuns()
    const known = new Set(before.ok ? before.value.runs.map((x) => x.id) : [])
    const r = await call()
    const list = await window.api.listRuns()
    const latest = list.ok ? list.value.runs.find((x) => !known.has(x.id) && x.status !== 'running') : undefined
    if (latest) show(latest)
    else if (!r.ok) {
      set(place === 'reset' ? { run: { ...get().run, status: 'failed' } } : { restore: { ...get().restore, status: 'failed' } })
      fail(r, place, get().run.events[0]?.runId)
    }
    if (list.ok) set({ cutOff: list.value.cutOff })
  }

  return {
    onProgress(event) {
      const s = get()
      if (s.restore.status === 'running') {
        if (!s.restore.events.some((e) => sameEvent(e, event))) set({ restore: { ...s.restore, events: [...s.restore.events, event] } })
      } else if (s.run.status === 'running' && !s.run.events.some((e) => sameEvent(e, event))) set({ run: { ...s.run, events: [...s.run.events, event] } })
    },

    async reattach() {
      const list = await window.api.listRuns()
      if (!list.ok) return
      set({ cutOff: list.value.cutOff })
      const latest = list.value.runs[0]
      if (!latest) return
      if (latest.kind === 'restore' && latest.action === 'run') {
        if (latest.status !== 'running') return
        show(latest)
        set({ step: 'restore' })
      } else {
        show(latest)
        set({ step: 'reset' })
        // The servers list is gone with the page: found again so the later steps can name the server.
        void get().detect()
      }
      if (latest.status === 'running') await follow(latest.id)
    },

    async startReset() {
      const { selectedId, backup, installations } = get()
      const selected = installations?.find((i) => i.id === selectedId)
      // Settings only root may read: the one elevated run takes its own verified backup.
      const elevated = selected?.readError?.code === 'NEEDS_PERMISSION'
      if (!selectedId || (!backup && !elevated)) return
      const label = selected?.label ?? ''
      await track(
        { step: 'reset', run: { ...IDLE_RUN, status: 'running', installationId: selectedId, label } },
        () => window.api.startReset({ installationId: selectedId, backupId: backup?.backup.id ?? null }),
        'reset'
      )
    },

    async restoreBackup(backupId) {
      await track({ restore: { status: 'running', backupId, events: [], standing: null } }, () => window.api.restoreBackup({ backupId }), 'restore')
      await get().loadBackups()
    },

    async finishCutOff(runId, how) {
      const run = get().cutOff.find((r) => r.runId === runId)
      if (!run) return
      await track(
        { step: 'reset', run: { ...IDLE_RUN, status: 'running', kind: run.kind, action: how, label: run.label } },
        () => (how === 'resume' ? window.api.resumeRun({ runId }) : window.api.rollbackRun({ runId })),
        'reset'
      )
    }
  }
}
