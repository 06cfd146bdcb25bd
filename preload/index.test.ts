import { beforeEach, describe, expect, it, vi } from 'vitest'
import { EVENT_METHODS, INVOKE_METHODS } from './contract'

const exposed: Record<string, unknown> = {}
const listeners = new Map<string, (event: unknown, payload: unknown) => void>()
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 1 }))

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (channel: string, l: (event: unknown, payload: unknown) => void) => listeners.set(channel, l),
    removeListener: (channel: string) => listeners.delete(channel)
  }
}))

beforeEach(async () => {
  await import('./index')
})

describe('preload bridge', () => {
  it('exposes exactly one function per contract channel, under window.api only', () => {
    expect(Object.keys(exposed)).toEqual(['api'])
    const api = exposed.api as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual([...Object.keys(INVOKE_METHODS), ...Object.keys(EVENT_METHODS)].sort())
    expect(Object.values(api).every((f) => typeof f === 'function')).toBe(true)
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('binds each method to its own channel', async () => {
    const api = exposed.api as Record<string, (p?: unknown) => Promise<unknown>>
    await api.getAppInfo!()
    expect(invoke).toHaveBeenLastCalledWith('app:get-info', undefined)
  })

  it('hands listeners the payload, never the IpcRendererEvent, and unsubscribes', () => {
    const api = exposed.api as Record<string, (l: (p: unknown) => void) => () => void>
    const got: unknown[][] = []
    const off = api.onProgress!((...args) => got.push(args))
    listeners.get('flow:progress')!({ sender: 'secret' }, { step: 'stop' })
    expect(got).toEqual([[{ step: 'stop' }]])
    off()
    expect(listeners.has('flow:progress')).toBe(false)
  })
})
