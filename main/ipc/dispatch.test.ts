import { describe, expect, it, vi } from 'vitest'
import { dispatch, type HandlerTable } from './dispatch'

const table = (): HandlerTable =>
  ({
    'app:get-info': vi.fn(async () => ({ name: 'Plex Reclaim', version: '0.1.0', platform: 'linux', runtime: 'loopback' as const, demo: true })),
    'installations:detect': vi.fn(async () => []),
    'backups:list': vi.fn(async () => []),
    'reset:start': vi.fn(async () => ({ recordId: 'r' }))
  }) as unknown as HandlerTable

describe('dispatch', () => {
  it('answers a valid request with { ok: true, value }', async () => {
    const t = table()
    expect(await dispatch(t, 'app:get-info', undefined)).toEqual({ ok: true, value: expect.objectContaining({ version: '0.1.0' }) })
  })

  it('gives a payload of the wrong shape a typed error and never calls the handler', async () => {
    const t = table()
    const result = await dispatch(t, 'backups:list', { path: '/etc/shadow' })
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(result.ok ? '' : result.message).toContain('backups:list')
    expect(t['backups:list']).not.toHaveBeenCalled()
  })

  it.each([
    ['a path instead of an id', { installationId: '/var/lib/plexmediaserver', backupId: '20261128-100000-abcdef' }],
    ['an unknown field (a key name smuggled in)', { installationId: 'pms-0123456789', backupId: '20261128-100000-abcdef', keys: ['MachineIdentifier'] }],
    ['a missing field', { installationId: 'pms-0123456789' }],
    ['a number for a string', { installationId: 42, backupId: '20261128-100000-abcdef' }]
  ])('refuses %s before any handler runs', async (_name, payload) => {
    const t = table()
    expect(await dispatch(t, 'reset:start', payload)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(t['reset:start']).not.toHaveBeenCalled()
  })

  it('refuses a channel that is not in the contract', async () => {
    expect(await dispatch(table(), 'shell:exec', ['rm', '-rf', '/'])).toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' })
    expect(await dispatch(table(), 42, undefined)).toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' })
  })

  it('turns a thrown error into a typed result without a stack trace', async () => {
    const t = { ...table(), 'backups:list': async () => Promise.reject(Object.assign(new Error('at Object.<anonymous> (/x.js:1:1)'), { code: 'EIO' })) }
    const result = await dispatch(t, 'backups:list', undefined)
    expect(result).toMatchObject({ ok: false, code: 'INTERNAL' })
    expect(JSON.stringify(result)).not.toMatch(/anonymous|\.js:\d/)
  })
})
