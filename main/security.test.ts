import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from './csp'

const openExternal = vi.fn(async (_url: string) => undefined)
vi.mock('electron', () => ({ shell: { openExternal: (url: string) => openExternal(url) } }))
const { hardenSession, hardenWebContents, isAllowedExternal } = await import('./security')

describe('security module', () => {
  it('denies navigation, redirects, webviews and new windows on every WebContents', () => {
    const app = new EventEmitter()
    hardenWebContents(app as never)
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() })
    app.emit('web-contents-created', {}, contents)
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn() }
      contents.emit(event, e, 'https://example.com/')
      expect(e.preventDefault, event).toHaveBeenCalled()
    }
    const open = contents.setWindowOpenHandler.mock.calls[0]![0] as (d: { url: string }) => unknown
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(openExternal).not.toHaveBeenCalled()
    expect(open({ url: 'https://www.plex.tv/claim' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://www.plex.tv/claim')
  })

  it('opens only the allowlisted Plex pages in the system browser', () => {
    expect(['https://www.plex.tv/claim', 'http://127.0.0.1:32400/web', 'http://localhost:32400/web'].every(isAllowedExternal)).toBe(true)
    expect(['https://www.plex.tv.evil.example/claim', 'http://www.plex.tv/claim', 'javascript:alert(1)', 'file:///etc/passwd', 'http://192.168.1.5:32400/web', 'https://www.plex.tv/claim/../x', 'not a url'].some(isAllowedExternal)).toBe(false)
  })

  it('denies every permission request and check, and sends the CSP as a header', () => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined
    let check: ((...a: unknown[]) => boolean) | undefined
    let headers: ((d: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined
    hardenSession({
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      webRequest: { onHeadersReceived: (h: typeof headers) => (headers = h) }
    } as never)
    const cb = vi.fn()
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) request!({}, p, cb)
    expect(cb.mock.calls.every(([ok]) => ok === false)).toBe(true)
    expect(check!({}, 'media')).toBe(false)
    const write = vi.fn()
    request!({}, 'clipboard-sanitized-write', write)
    expect(write).toHaveBeenCalledWith(true)
    const done = vi.fn()
    headers!({ responseHeaders: { a: ['b'] } }, done)
    expect(done).toHaveBeenCalledWith({ responseHeaders: { a: ['b'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'.*script-src 'self'.*object-src 'none'.*frame-ancestors 'none'/)
  })
})

describe('renderer CSP meta tag', () => {
  it('is the header policy (frame-ancestors only works as a header)', async () => {
    const { readFileSync } = await import('node:fs')
    const html = readFileSync(new URL('../renderer/index.html', import.meta.url), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''))
  })
})
