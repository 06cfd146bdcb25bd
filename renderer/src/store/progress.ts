import type { ProgressEvent, StepId } from '../../../preload/contract'

export type RowStatus = 'waiting' | 'running' | 'done' | 'failed' | 'skipped' | 'not-started'

export interface Row {
  readonly step: StepId
  readonly status: RowStatus
  /** How long the step itself took (from its start to its end), not the time since the run began. */
  readonly durationMs: number | null
}

export type RunPhase = 'idle' | 'running' | 'finished' | 'failed'

/**
 * One progress model from the run's own events: at most one step running; a failure belongs to
 * the step whose work was running (whatever step the event names); after a failure the steps that
 * never ran read "not started", after a finished run "not needed".
 */
export function progressRows(steps: readonly StepId[], events: readonly ProgressEvent[], phase: RunPhase): Row[] {
  const status = new Map<StepId, RowStatus>()
  // Each event's elapsedMs counts from the run's start: a step's duration is its end minus its start.
  const started = new Map<StepId, number>()
  const elapsed = new Map<StepId, number>()
  let running: StepId | null = null
  let failed = false
  for (const e of events) {
    if (e.status === 'running') {
      if (running && running !== e.step) status.set(running, 'done')
      running = e.step
      status.set(e.step, 'running')
      if (!started.has(e.step)) started.set(e.step, e.elapsedMs)
    } else if (e.status === 'failed') {
      const at = running ?? e.step
      status.set(at, 'failed')
      elapsed.set(at, e.elapsedMs)
      running = null
      failed = true
      continue
    } else {
      status.set(e.step, e.status)
      if (running === e.step) running = null
    }
    elapsed.set(e.step, e.elapsedMs)
  }
  // The run ended with a step still "running": that step is where it stopped.
  if (running && phase === 'failed') {
    status.set(running, 'failed')
    failed = true
  }
  const ended = failed || phase === 'failed'
  return steps.map((step) => {
    const s = status.get(step)
    const start = started.get(step)
    const end = elapsed.get(step)
    const durationMs = start !== undefined && end !== undefined && s !== 'running' ? Math.max(0, end - start) : null
    return { step, status: s ?? (ended ? 'not-started' : phase === 'finished' ? 'skipped' : 'waiting'), durationMs }
  })
}

/** What the events say so far: for the message under the list while a run is under way. */
export function soFar(events: readonly ProgressEvent[]): { readonly stopped: boolean; readonly changed: boolean } {
  const done = new Set(events.filter((e) => e.status === 'done').map((e) => e.step))
  return { stopped: done.has('stop') && !done.has('start'), changed: done.has('remove') || done.has('restore') }
}
