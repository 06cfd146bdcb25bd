import { shell, type App, type Session, type WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from './csp'


/** Writing to the clipboard ("Copy details", the SSH command) is the one permission the wizard uses. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write'])

/** Deny every other permission (camera, notifications, …): Electron grants them all by default. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)))
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission))
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
}

/**
 * The only pages the wizard links to, opened in the system browser: Plex's claim page and Plex Web
 * on this computer. Compared as parsed URLs, never with startsWith.
 */
export function isAllowedExternal(raw: string): boolean {
  try {
    const url = new URL(raw)
    if (url.protocol === 'https:' && url.host === 'www.plex.tv' && url.pathname === '/claim') return true
    return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost') && url.pathname === '/web'
  } catch { // not a URL: refused
    return false
  }
}

function lockDown(contents: WebContents): void {
  // The wizard is one page: any navigation or redirect is refused, whatever its origin.
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK (reviewed: only the allowlisted Plex URLs)
    return { action: 'deny' }
  })
}

/** Applied to every WebContents the app ever creates, before it loads anything. */
export function hardenWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => lockDown(contents))
}
