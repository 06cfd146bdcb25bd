import type { App, Session, WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from './csp'


/** Deny every permission (camera, notifications, …): Electron grants them all by default. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
}

function lockDown(contents: WebContents): void {
  // The wizard is one page: any navigation or redirect is refused, whatever its origin.
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/** Applied to every WebContents the app ever creates, before it loads anything. */
export function hardenWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => lockDown(contents))
}
