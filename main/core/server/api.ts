import { request } from 'node:http'
import type { ServerControl } from '../detect/types'
import type { Host } from '../host/types'

export interface HttpAnswer {
  readonly status: number
  readonly body: string
}

/** The server's local API, wherever it can be reached from; null when nothing answers. */
export interface ServerApi {
  /** For messages: "127.0.0.1:32400", or the container. */
  readonly where: string
  request(method: 'GET' | 'POST', path: string, timeoutMs?: number): Promise<HttpAnswer | null>
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

export const loopbackApi = (port: number): ServerApi => ({ where: `127.0.0.1:${port}`, request: (method, path, timeoutMs) => localRequest(port, method, path, timeoutMs) })

/**
 * The API seen from inside a container, with `docker exec` and the image's own curl (all four
 * images carry it: pms-docker's healthcheck, the claim scripts; plex-domain.md 7). A container on
 * macvlan or ipvlan, with a remapped port or bound to one address is reached all the same, where
 * the host's 127.0.0.1 never answers. The URL reaches curl on its standard input (-K -), so a claim
 * token is never in a process's arguments, and nothing of the answer is logged.
 */
export function containerApi(host: Host, container: string, port: number): ServerApi {
  return {
    where: `port ${port} inside container ${container}`,
    request: async (method, path, timeoutMs = 2000) => {
      const config = `url = "http://127.0.0.1:${port}${path}"\nrequest = "${method}"\n`
      const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)))
      const r = await host.exec('docker', ['exec', '-i', container, 'curl', '-sS', '-K', '-', '--max-time', seconds, '-H', 'Accept: application/xml', '-w', '\n%{http_code}'], { input: config, timeoutMs: timeoutMs + 10_000 })
      if (r.exitCode !== 0) return null
      const cut = r.stdout.lastIndexOf('\n')
      const status = Number(r.stdout.slice(cut + 1))
      return status > 0 ? { status, body: r.stdout.slice(0, cut) } : null
    }
  }
}

/** Where a server's API is reached: from inside its container for Docker, else this host's loopback. */
export const apiFor = (host: Host, target: { readonly control: ServerControl; readonly port: number }): ServerApi =>
  target.control.kind === 'docker' ? containerApi(host, target.control.container, target.port) : loopbackApi(target.port)

export const asApi = (api: number | ServerApi): ServerApi => (typeof api === 'number' ? loopbackApi(api) : api)
