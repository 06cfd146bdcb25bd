import { describe, expect, it, vi } from 'vitest'
import { INVOKE_CHANNELS } from '../../preload/contract'
import type { HandlerTable } from './dispatch'
import { registerIpc, type IpcMainLike } from './register'
import { TrustedSenders, type SenderLike } from './trusted-senders'

function setup() {
  const listeners = new Map<string, (event: SenderLike, payload: unknown) => unknown>()
  const ipcMain: IpcMainLike = { handle: (channel, listener) => void listeners.set(channel, listener) }
  const handler = vi.fn(async () => [])
  const table = Object.fromEntries(INVOKE_CHANNELS.map((c) => [c, handler])) as unknown as HandlerTable
  const senders = new TrustedSenders('app://renderer')
  let destroy: () => void = () => undefined
  senders.add({ id: 7, once: (_e, l) => (destroy = l) })
  const log = vi.fn()
  registerIpc(ipcMain, table, senders, log)
  return { listeners, handler, log, destroy: () => destroy() }
}

const frame = (url: string, parent: unknown = null) => ({ url, parent })

describe('IPC registration', () => {
  it('registers every channel of the contract and nothing else', () => {
    expect([...setup().listeners.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort())
  })

  it('serves our window', async () => {
    const { listeners, handler } = setup()
    await expect(listeners.get('backups:list')!({ sender: { id: 7 }, senderFrame: frame('app://renderer/index.html') }, undefined)).resolves.toEqual({ ok: true, value: [] })
    expect(handler).toHaveBeenCalledOnce()
  })

  it.each([
    ['an unknown WebContents', { sender: { id: 99 }, senderFrame: frame('app://renderer/index.html') }],
    ['a foreign origin in our window', { sender: { id: 7 }, senderFrame: frame('https://evil.example/') }],
    ['a file:// page', { sender: { id: 7 }, senderFrame: frame('file:///tmp/x.html') }],
    ['a subframe', { sender: { id: 7 }, senderFrame: frame('app://renderer/index.html', {}) }],
    ['a frame that is gone', { sender: { id: 7 }, senderFrame: null }]
  ])('drops a message from %s without calling the handler', (_name, event) => {
    const { listeners, handler, log } = setup()
    const answer = listeners.get('backups:list')!(event as SenderLike, undefined)
    expect(answer).toBeUndefined() // synchronous: decided before any await
    expect(handler).not.toHaveBeenCalled()
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Dropped backups:list'))
  })

  it('forgets a window once it is destroyed', () => {
    const { listeners, handler, destroy } = setup()
    destroy()
    expect(listeners.get('backups:list')!({ sender: { id: 7 }, senderFrame: frame('app://renderer/') }, undefined)).toBeUndefined()
    expect(handler).not.toHaveBeenCalled()
  })
})
