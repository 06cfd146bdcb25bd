import { describe, expect, it } from 'vitest'
import type { ProgressEvent, StepId } from '../../../preload/contract'
import { progressRows } from './progress'

const STEPS: StepId[] = ['preflight', 'backup', 'verify-backup', 'stop', 'verify-stopped', 'remove']
let t = 0
const ev = (step: StepId, status: ProgressEvent['status']): ProgressEvent => ({ recordId: 'x', runId: 'r', step, status, message: '', elapsedMs: ++t })
const statuses = (rows: ReturnType<typeof progressRows>) => Object.fromEntries(rows.map((r) => [r.step, r.status]))

describe('the progress model', () => {
  it('puts a failure on the step that was running, even when the event names the last completed one', () => {
    const events = [ev('preflight', 'running'), ev('preflight', 'done'), ev('backup', 'running'), ev('backup', 'done'), ev('verify-backup', 'running'), ev('verify-backup', 'done'), ev('stop', 'running'), ev('verify-backup', 'failed')]
    expect(statuses(progressRows(STEPS, events, 'failed'))).toEqual({
      preflight: 'done',
      backup: 'done',
      'verify-backup': 'done',
      stop: 'failed',
      'verify-stopped': 'not-started',
      remove: 'not-started'
    })
  })

  it('has exactly one step running at a time', () => {
    const rows = progressRows(STEPS, [ev('preflight', 'running'), ev('backup', 'running')], 'running')
    expect(rows.filter((r) => r.status === 'running').map((r) => r.step)).toEqual(['backup'])
    expect(rows.find((r) => r.step === 'stop')!.status).toBe('waiting')
  })

  it('marks a step still running when the run failed as the failed one', () => {
    expect(statuses(progressRows(STEPS, [ev('preflight', 'running')], 'failed')).preflight).toBe('failed')
  })

  it('reads steps a finished run did not need as skipped', () => {
    expect(statuses(progressRows(STEPS, [ev('preflight', 'running'), ev('preflight', 'done')], 'finished')).stop).toBe('skipped')
  })

  it('times each step by itself: its end minus its start, never the time since the run began', () => {
    const at = (step: StepId, status: ProgressEvent['status'], elapsedMs: number): ProgressEvent => ({ recordId: 'x', runId: 'r', step, status, message: '', elapsedMs })
    const events = [at('preflight', 'running', 0), at('preflight', 'done', 300), at('backup', 'running', 300), at('backup', 'done', 1200), at('stop', 'running', 1250), at('stop', 'done', 4250), at('verify-stopped', 'running', 4300)]
    const durations = Object.fromEntries(progressRows(STEPS, events, 'running').map((r) => [r.step, r.durationMs]))
    expect(durations).toEqual({ preflight: 300, backup: 900, 'verify-backup': null, stop: 3000, 'verify-stopped': null, remove: null })
  })
})
