import { describe, expect, it } from 'vitest'
import { CoreError } from '../core/result'
import { RunRegistry } from './run-registry'

const fields = { kind: 'reset', action: 'run', installationId: 'pms-0123456789', label: 'Plex', backupId: null } as const
const event = (step: 'preflight', status: 'running' | 'done') => ({ recordId: 'x', runId: '20261129-090000-abcdef', step, status, message: step, elapsedMs: 1 })

describe('the run registry', () => {
  it('keeps a live run with its events, then its result', () => {
    const runs = new RunRegistry()
    const t = runs.start(fields)
    t.onStep(event('preflight', 'running'))
    expect(runs.busy()).toBe(true)
    expect(runs.list()[0]).toMatchObject({ status: 'running', runId: '20261129-090000-abcdef', events: [{ step: 'preflight' }] })
    expect(runs.liveRunIds()).toEqual(new Set(['20261129-090000-abcdef']))
    t.finish({ runId: '20261129-090000-abcdef', outcome: 'finished', backupId: null }, null)
    expect(runs.busy()).toBe(false)
    expect(runs.list()[0]).toMatchObject({ status: 'finished', result: { outcome: 'finished' } })
  })

  it('records a failure as a code, the message kept for Copy details', () => {
    const runs = new RunRegistry()
    runs.start(fields).fail(new CoreError('STOP_TIMEOUT', 'did not stop'), null)
    expect(runs.list()[0]).toMatchObject({ status: 'failed', error: { code: 'STOP_TIMEOUT', message: 'did not stop' } })
  })

  it('keeps the exact command an error names, for the wizard to show', () => {
    const runs = new RunRegistry()
    const t = runs.start(fields)
    t.fail(new CoreError('STOP_TIMEOUT', 'did not stop (sudo systemctl stop plexmediaserver)', { command: 'sudo systemctl stop plexmediaserver' }), null)
    expect(t.record()).toMatchObject({ id: t.id, status: 'failed', error: { code: 'STOP_TIMEOUT', command: 'sudo systemctl stop plexmediaserver' } })
  })

  it('forgets old finished runs but never a live one', () => {
    const runs = new RunRegistry(2)
    const live = runs.start(fields)
    for (let i = 0; i < 3; i++) runs.start(fields).finish({ runId: `r${i}`, outcome: 'finished', backupId: null }, null)
    expect(runs.list()).toHaveLength(2)
    expect(runs.list().some((r) => r.status === 'running')).toBe(true)
    live.fail(new Error('x'), null)
  })
})
