import { app, ipcMain, session } from 'electron'
import { join } from 'node:path'
import { defaultBackupDir } from './core/backups/location'
import { localHost } from './core/host/local'
import { createHandlers } from './ipc/handlers'
import { registerIpc } from './ipc/register'
import { TrustedSenders, originOf } from './ipc/trusted-senders'
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './protocol'
import { hardenSession, hardenWebContents } from './security'
import { createMainWindow } from './window'

// Before ready: every renderer sandboxed, our scheme privileged, one instance at a time.
app.enableSandbox()
registerAppScheme()
hardenWebContents(app)

// The dev server URL is honoured only in an unpackaged build.
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const origin = (devUrl && originOf(devUrl)) || APP_ORIGIN

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  const senders = new TrustedSenders(origin)
  let focus: (() => void) | undefined
  app.on('second-instance', () => focus?.())
  app.on('window-all-closed', () => app.quit())

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession)
    serveRenderer(join(__dirname, '../renderer'))
    const registry = process.platform === 'win32' ? await (await import('./core/platform/regedit-client')).regeditClient(app.isPackaged ? join(process.resourcesPath, 'regedit', 'vbs') : undefined) : undefined
    const table = createHandlers({
      host: localHost,
      runtime: 'electron',
      demo: false,
      root: '/',
      // The same folder as the CLI's, so both list the same backups.
      backupDir: defaultBackupDir(),
      registry,
      docker: process.platform === 'linux'
    })
    registerIpc(ipcMain, table, senders, (line) => console.warn(line))
    const win = createMainWindow(join(__dirname, '../preload/index.js'))
    senders.add(win.webContents)
    focus = () => {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
    await win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`)
  })
}
