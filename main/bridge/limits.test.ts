import { request, type ClientRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HandlerTable } from '../ipc/dispatch'
import { MAX_EVENT_STREAMS, startBridge, type Bridge } from './server'

let bridge: Bridge
const TOKEN = 'per-run-token-limits'
beforeAll(async () => {
  const table = { 'app:get-info': async () => ({ name: 'Plex Reclaim' }) } as unknown as HandlerTable
  bridge = await startBridge({ handlers: table, token: TOKEN })
})
afterAll(() => bridge.close())

/** Opens an event stream; resolves with its status once the headers arrive (the stream stays open). */
function openStream(open: ClientRequest[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path: `/api/events?token=${TOKEN}`, headers: { host: `127.0.0.1:${bridge.port}` } }, (res) => {
      res.resume()
      resolve(res.statusCode!)
    })
    req.on('error', reject)
    open.push(req)
    req.end()
  })
}

function post(contentType: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: bridge.port, path: '/api/invoke/app:get-info', method: 'POST', headers: { host: `127.0.0.1:${bridge.port}`, 'content-type': contentType, authorization: `Bearer ${TOKEN}` } },
      (res) => {
        res.resume()
        resolve(res.statusCode!)
      }
    )
    req.on('error', reject)
    req.end('{}')
  })
}

describe('loopback bridge limits', () => {
  it(`accepts ${MAX_EVENT_STREAMS} event streams and answers 429 beyond them`, async () => {
    const open: ClientRequest[] = []
    try {
      const statuses: number[] = []
      for (let i = 0; i < MAX_EVENT_STREAMS + 5; i++) statuses.push(await openStream(open))
      expect(statuses.filter((s) => s === 200)).toHaveLength(MAX_EVENT_STREAMS)
      expect(statuses.slice(MAX_EVENT_STREAMS)).toEqual(Array(5).fill(429))
    } finally {
      for (const r of open) r.destroy()
    }
  })

  it.each(['application/jsonfoo', 'application/json-patch+json', 'text/plain', 'application/jsonx; charset=utf-8'])('refuses %j as JSON (415)', async (type) => {
    expect(await post(type)).toBe(415)
  })

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON'])('takes %j', async (type) => {
    expect(await post(type)).toBe(200)
  })
})
