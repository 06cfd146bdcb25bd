import { describe, expect, it, vi } from 'vitest'

const created: Array<{ webPreferences: Record<string, unknown> }> = []
vi.mock('electron', () => ({
  BrowserWindow: class {
    constructor(options: { webPreferences: Record<string, unknown> }) {
      created.push(options)
    }
    once() {}
  }
}))

describe('window factory', () => {
  it('creates the window with the locked webPreferences of the security checklist', async () => {
    const { createMainWindow } = await import('./window')
    createMainWindow('/app/out/preload/index.js')
    expect(created).toHaveLength(1)
    expect(created[0]!.webPreferences).toEqual({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick'
    })
  })
})
