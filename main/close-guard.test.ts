import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { guardClose } from './close-guard'

/** A window that only knows 'close' and destroy(), as Electron's cannot run here. */
class FakeWindow extends EventEmitter {
  destroyed = false
  destroy(): void {
    this.destroyed = true
  }
  /** What Electron does on the close button: emits 'close'; the window closes unless prevented. */
  close(): boolean {
    let prevented = false
    this.emit('close', { preventDefault: () => (prevented = true) })
    return !prevented
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0))

describe('the close guard', () => {
  it('lets the window close when no run is under way, without asking', () => {
    const win = new FakeWindow()
    const ask = vi.fn(async () => true)
    guardClose(win, () => false, ask)
    expect(win.close()).toBe(true)
    expect(ask).not.toHaveBeenCalled()
  })

  it('keeps the window during a run when the user chooses to stay', async () => {
    const win = new FakeWindow()
    const ask = vi.fn(async () => false)
    guardClose(win, () => true, ask)
    expect(win.close()).toBe(false)
    await settle()
    expect(ask).toHaveBeenCalledOnce()
    expect(win.destroyed).toBe(false)
  })

  it('closes during a run only after the user confirms, and asks once for repeated clicks', async () => {
    const win = new FakeWindow()
    let answer!: (leave: boolean) => void
    const ask = vi.fn(() => new Promise<boolean>((r) => (answer = r)))
    guardClose(win, () => true, ask)
    expect(win.close()).toBe(false)
    expect(win.close()).toBe(false)
    expect(ask).toHaveBeenCalledOnce()
    answer(true)
    await settle()
    expect(win.destroyed).toBe(true)
  })
})
