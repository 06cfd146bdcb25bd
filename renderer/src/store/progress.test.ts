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
})
