/** The part of a BrowserWindow the guard uses, so a test can hand it a fake. */
export interface GuardedWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown
  destroy(): void
}

/**
 * Closing the window during a run would hide it (the run itself goes on in main): ask first.
 * `ask` resolves true to leave anyway; the window is then destroyed without asking again.
 */
export function guardClose(win: GuardedWindow, busy: () => boolean, ask: () => Promise<boolean>): void {
  let asking = false
  win.on('close', (event) => {
    if (!busy()) return
    event.preventDefault()
    if (asking) return
    asking = true
    void ask()
      .then((leave) => {
        if (leave) win.destroy()
      })
      .finally(() => {
        asking = false
      })
  })
}
