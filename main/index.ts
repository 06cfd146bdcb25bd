import { app, dialog, ipcMain, session, shell, type BrowserWindow } from 'electron'
import { join } from 'node:path'
import type { EventChannel, EventContract } from '../preload/contract'
import { AppService, APP_VERSION, REAL_PLEX_TV, defaultBackupDir, onAppImageMount, type ElevatedHelper } from './app/index'
import { guardClose } from './close-guard'
import { chooseFileOptions, closeGuardOptions, windowLanguage } from './dialog-texts'
import { createHandlers, type HandlerDeps } from './ipc/handlers'
import { RunRegistry } from './ipc/run-registry'
import { registerIpc } from './ipc/register'
import { TrustedSenders, originOf } from './ipc/trusted-senders'
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './protocol'
import { runtimeSwitches } from './runtime-switches'
import { hardenSession, hardenWebContents } from './security'
import { createMainWindow } from './window'

// Before ready: every renderer sandboxed, our scheme privileged, one instance at a time.
app.enableSandbox()
registerAppScheme()
hardenWebContents(app)

// The dev server URL and demo mode exist only in an unpackaged build.
const { devUrl, demo } = runtimeSwitches(app.isPackaged, process.env, process.argv)
const origin = (devUrl && originOf(devUrl)) || APP_ORIGIN

/** Main to renderer: typed, and never to a window that is gone. */
function send<C extends EventChannel>(win: BrowserWindow | undefined, channel: C, payload: EventContract[C]): void {
  if (win && !win.isDestroyed()) win.webContents.send(channel, payload)
}

/**
 * The Linux app's privileged helper: the CLI executable electron-builder put in the resources, with
 * the SHA256SUMS shipped beside it. From an AppImage (a FUSE mount root cannot read) a verified
 * private copy is run. Only a packaged app has one; a dev build resets what this user may change.
 */
function elevatedHelper(): ElevatedHelper | undefined {
  if (!app.isPackaged || process.platform !== 'linux') return undefined
  const path = join(process.resourcesPath, 'bin', 'plex-reclaim')
  const checksums = { file: join(process.resourcesPath, 'bin', 'SHA256SUMS'), name: `plex-reclaim-${APP_VERSION}-linux-${process.arch}` }
  return { path, checksums, copyFirst: onAppImageMount(path, process.env.APPIMAGE) }
}

async function dependencies(win: () => BrowserWindow | undefined): Promise<{ deps: HandlerDeps; dispose: () => Promise<void> }> {
  if (demo) {
    const { createDemoEnvironment } = await import('./demo/environment')
    const env = await createDemoEnvironment({ scenario: 'happy', repoRoot: join(__dirname, '..', '..'), simulator: join(__dirname, '..', 'node', 'pms-simulator.js') })
    const service = new AppService(env.environment)
    return { deps: { ...env.ui, service, runtime: 'electron', openExternal: (url) => shell.openExternal(url) }, dispose: async () => (await service.dispose(), await env.dispose()) }
  }
  const chooseFile = async (): Promise<string | null> => {
    const w = win()
    // In the window's language, like everything else the user reads.
    const options = chooseFileOptions(await windowLanguage(w))
    const result = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  }
  const service = new AppService({
    root: '/',
    // The same folder as the CLI's, so both list the same backups.
    backupDir: defaultBackupDir(),
    docker: process.platform === 'linux',
    port: 32400,
    appVersion: APP_VERSION,
    // Fixed here: a packaged app signs in with plex.tv itself, never with a stand-in.
    plexTv: REAL_PLEX_TV,
    elevatedHelper: elevatedHelper()
  })
  return {
    deps: {
      service,
      runtime: 'electron',
      demo: false,
      openExternal: (url) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK (reviewed: only main's own app.plex.tv sign-in URL)
      chooseFile
    },
    dispose: async () => service.dispose()
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  const senders = new TrustedSenders(origin)
  let win: BrowserWindow | undefined
  let dispose: () => Promise<void> = async () => undefined
  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore()
    win?.focus()
  })
  app.on('window-all-closed', () => void dispose().finally(() => app.quit()))

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession)
    serveRenderer(join(__dirname, '../renderer'))
    const made = await dependencies(() => win)
    dispose = made.dispose
    const runs = new RunRegistry()
    // Progress and run ends go out from the handlers, each naming its run's record.
    registerIpc(ipcMain, createHandlers({ ...made.deps, runs, emit: (channel, payload) => send(win, channel, payload) }), senders, (line) => console.warn(line))
    const window = createMainWindow(join(__dirname, '../preload/index.js'), app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(__dirname, '../../assets/icon.png'))
    win = window
    guardClose(window, () => runs.busy(), async () => {
      const { response } = await dialog.showMessageBox(window, closeGuardOptions(await windowLanguage(window)))
      return response === 1
    })
    senders.add(win.webContents)
    await win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`)
  })
}
