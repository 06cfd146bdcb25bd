import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { EventChannel, EventContract } from '../../preload/contract'
import { dispatch, type HandlerTable } from '../ipc/dispatch'
import { CONTENT_SECURITY_POLICY } from '../csp'
import { bearer, hostAllowed, isLoopbackPeer, originAllowed, tokenMatches } from './guards'
import { readStatic } from './static-files'

export interface BridgeOptions {
  readonly handlers: HandlerTable
  /** The built renderer, served from the same origin so the page needs no CORS. */
  readonly staticDir?: string
  readonly port?: number
  readonly token?: string
}

export interface Bridge {
  readonly url: string
  readonly port: number
  readonly token: string
  /** Pushes an event to every connected page. */
  emit<C extends EventChannel>(channel: C, payload: EventContract[C]): void
  close(): Promise<void>
}

const MAX_BODY = 64 * 1024
/** A page needs one event stream; a few allow reloads and a second tab. More is a misbehaving client. */
export const MAX_EVENT_STREAMS = 8

/** The media type alone, as RFC 9110 defines it (parameters after ";", case-insensitive). */
const isJson = (contentType: string | undefined): boolean => (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json'

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
  res.end(text)
}

const refuse = (res: ServerResponse, status: number, message: string): void => send(res, status, { ok: false, code: 'FORBIDDEN', message })

/** The body, or 'too-large' once it passes MAX_BODY (declared or streamed): then no handler runs. */
function readBody(req: IncomingMessage): Promise<string | 'too-large' | null> {
  return new Promise((resolve) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return resolve('too-large')
    let size = 0
    let over = false
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => {
      if (over) return
      size += c.length
      if (size > MAX_BODY) {
        over = true
        chunks.length = 0
        resolve('too-large')
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', () => resolve(null))
  })
}

/** 413, then the connection closes; the rest of the body is drained (not read into memory). */
function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  req.resume()
  res.setHeader('connection', 'close')
  send(res, 413, { ok: false, code: 'INVALID_INPUT', message: `The request body is larger than ${MAX_BODY / 1024} KB.` })
}

/**
 * The loopback bridge: the same handler table as Electron's IPC, over HTTP on 127.0.0.1, with a
 * random per-run token. Refuses non-loopback peers, foreign Host and Origin headers (DNS
 * rebinding) and any request without the token. Events go out as Server-Sent Events.
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const streams = new Set<ServerResponse>()
  let port = 0

  const server = createServer((req, res) => {
    void (async () => {
      if (!isLoopbackPeer(req.socket.remoteAddress)) return refuse(res, 403, 'Only this machine may connect.')
      if (!hostAllowed(req.headers.host, port)) return refuse(res, 403, 'Unexpected Host header.')
      if (!originAllowed(req.headers.origin, port)) return refuse(res, 403, 'Unexpected Origin header.')
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)

      if (url.pathname.startsWith('/api/')) {
        if (url.pathname === '/api/events' && req.method === 'GET') {
          if (!tokenMatches(url.searchParams.get('token'), token)) return refuse(res, 401, 'Missing or wrong token.')
          if (streams.size >= MAX_EVENT_STREAMS) return send(res, 429, { ok: false, code: 'INVALID_INPUT', message: `At most ${MAX_EVENT_STREAMS} event streams at once: close another tab of Plex Reclaim first.` })
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
          res.write(': connected\n\n')
          streams.add(res)
          req.on('close', () => streams.delete(res))
          return
        }
        const invoke = /^\/api\/invoke\/([a-z:-]+)$/.exec(url.pathname)
        if (!invoke || req.method !== 'POST') return send(res, 404, { ok: false, code: 'NOT_FOUND', message: 'No such endpoint.' })
        if (!tokenMatches(bearer(req), token)) return refuse(res, 401, 'Missing or wrong token.')
        if (!isJson(req.headers['content-type'])) return send(res, 415, { ok: false, code: 'INVALID_INPUT', message: 'Send JSON.' })
        const body = await readBody(req)
        if (body === 'too-large') return tooLarge(req, res)
        if (body === null) return send(res, 400, { ok: false, code: 'INVALID_INPUT', message: 'The request body could not be read.' })
        let envelope: unknown
        try {
          envelope = body ? JSON.parse(body) : {}
        } catch { // answered 400 below
          return send(res, 400, { ok: false, code: 'INVALID_INPUT', message: 'The request body is not JSON.' })
        }
        const payload = typeof envelope === 'object' && envelope !== null ? (envelope as { payload?: unknown }).payload : undefined
        return send(res, 200, await dispatch(options.handlers, invoke[1], payload))
      }

      if (req.method !== 'GET' || !options.staticDir) return send(res, 404, { ok: false, code: 'NOT_FOUND', message: 'Not found.' })
      const file = await readStatic(options.staticDir, url.pathname)
      if (!file) return send(res, 404, { ok: false, code: 'NOT_FOUND', message: 'Not found.' })
      res.writeHead(200, {
        'content-type': file.type,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store'
      })
      res.end(file.body)
    })().catch(() => { // answered 500 with no detail: the page learns nothing of main
      if (!res.headersSent) send(res, 500, { ok: false, code: 'INTERNAL', message: 'Something unexpected went wrong.' })
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    emit(channel, payload) {
      const frame = `event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`
      for (const s of streams) s.write(frame)
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
