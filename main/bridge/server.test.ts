import { request } from 'node:http'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { HandlerTable } from '../ipc/dispatch'
import { isLoopbackPeer } from './guards'
import { startBridge, type Bridge } from './server'

let bridge: Bridge
const handler = vi.fn(async () => ({ name: 'Plex Reclaim', version: '9.9.9', platform: 'linux', runtime: 'loopback' as const, demo: true }))

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-static-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>')
  const table = { 'app:get-info': handler, 'installations:detect': async () => [], 'backups:list': async () => [] } as unknown as HandlerTable
  bridge = await startBridge({ handlers: table, staticDir: dir, token: 'per-run-token-abcdef' })
})
afterAll(() => bridge.close())

/** Raw HTTP, so Host and Origin can be set the way a rebinding attacker's browser would send them. */
function call(path: string, { method = 'POST', headers = {}, body = '{}' }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; json: unknown; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, method, headers: { host: `127.0.0.1:${bridge.port}`, 'content-type': 'application/json', ...headers } }, (res) => {
      let text = ''
      res.on('data', (c) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode!, json: text.startsWith('{') ? JSON.parse(text) : text, headers: res.headers }))
    })
    req.on('error', reject)
    req.end(method === 'POST' ? body : undefined)
  })
}

const auth = { authorization: 'Bearer per-run-token-abcdef' }

describe('loopback bridge', () => {
  it('binds to 127.0.0.1 only', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/`)
  })

  it('answers an invoke with the token through the same handler table', async () => {
    const res = await call('/api/invoke/app:get-info', { headers: auth })
    expect(res).toMatchObject({ status: 200, json: { ok: true, value: { version: '9.9.9' } } })
  })

  it('refuses a request without the token', async () => {
    handler.mockClear()
    expect(await call('/api/invoke/app:get-info')).toMatchObject({ status: 401, json: { ok: false } })
    expect(handler).not.toHaveBeenCalled()
  })

  it('refuses a wrong token, also one of the same length', async () => {
    expect((await call('/api/invoke/app:get-info', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
    expect((await call('/api/invoke/app:get-info', { headers: { authorization: 'Bearer per-run-token-abcdeX' } })).status).toBe(401)
  })

  it('refuses a foreign Origin even with the token', async () => {
    const res = await call('/api/invoke/app:get-info', { headers: { ...auth, origin: 'https://evil.example' } })
    expect(res.status).toBe(403)
  })

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const res = await call('/api/invoke/app:get-info', { headers: { ...auth, host: `rebind.evil.example:${bridge.port}` } })
    expect(res.status).toBe(403)
  })

  it('accepts its own origin', async () => {
    const res = await call('/api/invoke/app:get-info', { headers: { ...auth, origin: `http://127.0.0.1:${bridge.port}` } })
    expect(res.status).toBe(200)
  })

  it('gives a malformed payload a typed error', async () => {
    const res = await call('/api/invoke/backups:list', { headers: auth, body: JSON.stringify({ payload: { dir: '/' } }) })
    expect(res.json).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })

  it('answers 413 to a body over the limit and runs no handler (declared length and chunked)', async () => {
    handler.mockClear()
    const big = JSON.stringify({ payload: 'x'.repeat(70 * 1024) })
    expect(await call('/api/invoke/app:get-info', { headers: auth, body: big })).toMatchObject({ status: 413, json: { ok: false, code: 'INVALID_INPUT' } })
    expect(await call('/api/invoke/app:get-info', { headers: { ...auth, 'transfer-encoding': 'chunked' }, body: big })).toMatchObject({ status: 413 })
    expect(handler).not.toHaveBeenCalled()
  })

  it('refuses the event stream without the token', async () => {
    expect((await call('/api/events', { method: 'GET' })).status).toBe(401)
  })

  it('serves the renderer with a CSP header and nothing outside its folder', async () => {
    const page = await call('/', { method: 'GET' })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect((await call('/../../etc/passwd', { method: 'GET' })).status).toBe(404)
    expect((await call('/%2e%2e/%2e%2e/etc/passwd', { method: 'GET' })).status).toBe(404)
  })

  it('knows which peers are loopback', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].every(isLoopbackPeer)).toBe(true)
    expect(['192.168.1.5', '10.0.0.1', '::ffff:192.168.1.5', undefined].some(isLoopbackPeer)).toBe(false)
  })
})
