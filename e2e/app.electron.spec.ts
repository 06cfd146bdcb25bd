import { _electron as electron, expect, test } from '@playwright/test'
import { NO_ELECTRON_REASON, electronBinary } from './electron-binary'

const binary = electronBinary()

test.describe('the desktop app', () => {
  test.skip(binary === null, NO_ELECTRON_REASON)

  test('opens the first screen in a locked-down window', async () => {
    const app = await electron.launch({ executablePath: binary!, args: ['out/main/index.js'] })
    try {
      const page = await app.firstWindow()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Locked out of your server?')
      await expect(page.getByRole('button', { name: 'Find my server' })).toBeEnabled()
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        // getLastWebPreferences is Electron's own (untyped) accessor of what the window was created with.
        const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }
        const p = contents.getLastWebPreferences()
        return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webviewTag: p.webviewTag, webSecurity: p.webSecurity }
      })
      expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true })
      // Navigation away and new windows are refused.
      // window.open answers null once the main process's handler has denied it; a window that
      // appeared anyway would arrive as an event, so that is waited for (and must not come).
      const before = page.url()
      const newWindow = app.waitForEvent('window', { timeout: 2_000 }).then(() => 'opened', () => 'none')
      expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true)
      expect(await newWindow).toBe('none')
      expect(app.windows()).toHaveLength(1)
      expect(page.url()).toBe(before)
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined')
    } finally {
      await app.close()
    }
  })
})
