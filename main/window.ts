import { BrowserWindow } from 'electron'

/** The one window factory. webPreferences are literal so a reviewer (and Electronegativity) sees them. */
export function createMainWindow(preload: string, icon?: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 880,
    height: 660,
    minWidth: 720,
    minHeight: 560,
    show: false,
    title: 'Plex Reclaim',
    backgroundColor: '#1b1b1b',
    autoHideMenuBar: true,
    // Linux shows it in the task bar; Windows and macOS take the icon from the installed app.
    ...(icon && process.platform === 'linux' ? { icon } : {}),
    webPreferences: {
      preload, // eng-disable PRELOAD_JS_CHECK (reviewed: our own bundled preload exposes one function per contract channel)
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
    }
  })
  win.once('ready-to-show', () => win.show())
  return win
}
