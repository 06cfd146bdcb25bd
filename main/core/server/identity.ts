import { request } from 'node:http'

/** What GET /identity says (plex-domain.md 3a): it answers without a token, cheaply. */
export interface Identity {
  readonly claimed: boolean
  readonly machineIdentifier: string
  readonly version: string
}

export interface HttpAnswer {
  readonly status: number
  readonly body: string
}

/** One request to the server's local API on 127.0.0.1; null when nothing answers. */
export function localRequest(port: number, method: 'GET' | 'POST', path: string, timeoutMs = 2000): Promise<HttpAnswer | null> {
  return new Promise((resolve) => {
    // agent: false, a fresh connection each time: a pooled keep-alive socket to a server that has
    // since restarted would fail once and make a running server look down.
    const req = request({ host: '127.0.0.1', port, method, path, timeout: timeoutMs, agent: false, headers: { accept: 'application/xml', 'X-Plex-Product': 'Plex Reclaim' } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      res.on('error', () => resolve(null))
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(null))
    req.end()
  })
}

/** An attribute of the MediaContainer element (not of the XML declaration before it). */
export function xmlAttribute(body: string, name: string): string | undefined {
  const start = body.indexOf('<MediaContainer')
  if (start < 0) return undefined
  const tag = body.slice(start, body.indexOf('>', start) + 1)
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]
}

export async function readIdentity(port: number, timeoutMs?: number): Promise<Identity | null> {
  const answer = await localRequest(port, 'GET', '/identity', timeoutMs)
  if (!answer || answer.status !== 200) return null
  return {
    claimed: xmlAttribute(answer.body, 'claimed') === '1',
    machineIdentifier: xmlAttribute(answer.body, 'machineIdentifier') ?? '',
    version: xmlAttribute(answer.body, 'version') ?? ''
  }
}
