import { request } from 'node:http'
import type { ServerControl } from '../detect/types'
import type { ExecResult, Host } from '../host/types'
import { forwardOf, type ForwardRecord } from '../host/ssh-forward'
import { resolveRoute, type ContainerRoute } from './container-route'

export interface HttpAnswer {
  readonly status: number
  readonly body: string
}

/** The server's local API, wherever it can be reached from; null when nothing answers. */
export interface ServerApi {
  /** For messages: "127.0.0.1:32400", or the container. */
  readonly where: string
  request(method: 'GET' | 'POST', path: string, timeoutMs?: number): Promise<HttpAnswer | null>
  /** Why the API cannot be reached from here at all (a container without curl or a route); null when it can, or cannot be told. */
  unreachable?(): Promise<string | null>
}

/** One request to the server's local API on 127.0.0.1; null when nothing answers. */
export function localRequest(port: number, method: 'GET' | 'POST', path: string, timeoutMs = 2000, address = '127.0.0.1'): Promise<HttpAnswer | null> {
  return new Promise((resolve) => {
    // agent: false, a fresh connection each time: a pooled keep-alive socket to a server that has
    // since restarted would fail once and make a running server look down.
    const req = request({ host: address, port, method, path, timeout: timeoutMs, agent: false, headers: { accept: 'application/xml', 'X-Plex-Product': 'Plex Reclaim' } }, (res) => {
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
 * curl with the URL and method on its standard input (-K -), so a claim token is never in a
 * process's arguments, and nothing of the answer is logged. 'no-curl' when there is none to run.
 */
async function curlRequest(run: (args: string[], input: string, timeoutMs: number) => Promise<ExecResult>, url: string, method: string, timeoutMs: number): Promise<HttpAnswer | null | 'no-curl'> {
  const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)))
  const r = await run(['curl', '-sS', '-K', '-', '--max-time', seconds, '-H', 'Accept: application/xml', '-w', '\n%{http_code}'], `url = "${url}"\nrequest = "${method}"\n`, timeoutMs + 10_000)
  // docker exec: 126/127 with "executable file not found" (Docker's exit status conventions), on
  // either stream (docker 20.10 with -i prints the runtime's error on stdout).
  if ((r.exitCode === 126 || r.exitCode === 127) && /executable file not found|"curl"|curl: not found/i.test(r.stderr + r.stdout)) return 'no-curl'
  if (r.exitCode !== 0) return null
  const cut = r.stdout.lastIndexOf('\n')
  const status = Number(r.stdout.slice(cut + 1))
  return status > 0 ? { status, body: r.stdout.slice(0, cut) } : null
}

/** From the host itself to an address a container route gave: this computer's http, or the server's own curl over SSH. */
async function hostRequest(host: Host, route: Extract<ContainerRoute, { kind: 'address' }>, method: 'GET' | 'POST', path: string, timeoutMs: number): Promise<HttpAnswer | null> {
  if (host.kind === 'local') return localRequest(route.port, method, path, timeoutMs, route.address)
  const at = route.address.includes(':') ? `[${route.address}]` : route.address
  const answer = await curlRequest((args, input, ms) => host.exec(args[0]!, args.slice(1), { input, timeoutMs: ms }), `http://${at}:${route.port}${path}`, method, timeoutMs)
  return answer === 'no-curl' ? null : answer
}

// A container found to have no curl keeps its route for this process (asked once of Docker).
const routes = new WeakMap<Host, Map<string, Promise<ContainerRoute>>>()

/**
 * The API seen from inside a container, with `docker exec` and the image's own curl (all four
 * images carry it: pms-docker's healthcheck, the claim scripts; plex-domain.md 7). A container on
 * macvlan or ipvlan, with a remapped port or bound to one address is reached all the same, where
 * the host's 127.0.0.1 never answers. Without curl in the container: its published port, or its
 * address on a bridge network (container-route.ts), else a clear reason.
 */
export function containerApi(host: Host, container: string, port: number): ServerApi {
  const known = (): Promise<ContainerRoute> | undefined => routes.get(host)?.get(container)
  const api: ServerApi = {
    where: `port ${port} inside container ${container}`,
    request: async (method, path, timeoutMs = 2000) => {
      const route = known()
      if (route) {
        const r = await route
        return r.kind === 'address' ? hostRequest(host, r, method, path, timeoutMs) : null
      }
      const answer = await curlRequest((args, input, ms) => host.exec('docker', ['exec', '-i', container, ...args], { input, timeoutMs: ms }), `http://127.0.0.1:${port}${path}`, method, timeoutMs)
      if (answer !== 'no-curl') return answer
      if (!routes.has(host)) routes.set(host, new Map())
      routes.get(host)!.set(container, resolveRoute(host, container, port))
      return api.request(method, path, timeoutMs)
    },
    unreachable: async () => {
      if (!known()) await api.request('GET', '/identity')
      const route = await known()
      return route?.kind === 'none' ? route.reason : null
    }
  }
  return api
}

/**
 * Over SSH, the server's own 127.0.0.1 behind a forwarded local port. An SSH server that refuses
 * forwarding (AllowTcpForwarding no, common on hardened hosts and some NAS) refuses each channel;
 * that refusal is recorded and the API is then asked with the server's own curl, through the
 * session (-K -, so nothing of a request is in a process's arguments). With neither, the
 * preflight refuses before anything changes, saying what to do.
 */
function forwardedApi(host: Host, forward: ForwardRecord, localPort: number): ServerApi {
  const viaCurl = async (method: 'GET' | 'POST', path: string, timeoutMs: number): Promise<HttpAnswer | null> => {
    const answer = await curlRequest((args, input, ms) => host.exec(args[0]!, args.slice(1), { input, timeoutMs: ms }), `http://127.0.0.1:${forward.remotePort}${path}`, method, timeoutMs)
    if (answer === 'no-curl') forward.route = 'none'
    return answer === 'no-curl' ? null : answer
  }
  // Asked once per session, and only after a refusal; the preflight's facts query has asked already
  // (its programs), so the preflight's decision costs no exchange of its own.
  const decide = async (): Promise<'curl' | 'none'> => {
    forward.route ??= (await host.which('curl')) !== null ? 'curl' : 'none'
    return forward.route
  }
  return {
    where: `127.0.0.1:${forward.remotePort} on ${host.name}`,
    request: async (method, path, timeoutMs = 2000) => {
      if (forward.route === 'curl') return viaCurl(method, path, timeoutMs)
      const answer = await localRequest(localPort, method, path, timeoutMs)
      if (answer || !forward.prohibited) return answer
      return (await decide()) === 'curl' ? viaCurl(method, path, timeoutMs) : null
    },
    unreachable: async () => {
      if (!forward.prohibited && (await forward.first) !== 'prohibited') return null
      if ((await decide()) === 'curl') return null
      return `The SSH server on ${host.name} refuses port forwarding (AllowTcpForwarding no) and the server has no curl, so Plex Reclaim cannot reach Plex Media Server's local API there to check that it started and to claim it. Install curl on the server, or allow forwarding for this login (AllowTcpForwarding local in sshd_config), then try again; or stop the server yourself, run the reset with --file PATH --no-service, start it, and claim it in Plex Web on the server.`
    }
  }
}

/** Where a server's API is reached: from inside its container for Docker, over SSH through the forward or the server's curl, else this host's loopback. */
export function apiFor(host: Host, target: { readonly control: ServerControl; readonly port: number }): ServerApi {
  if (target.control.kind === 'docker') return containerApi(host, target.control.container, target.port)
  if (target.control.kind === 'iocage') return jailApi(host, target.control.jail, target.port)
  const forward = host.kind === 'ssh' ? forwardOf(host, target.port) : undefined
  return forward ? forwardedApi(host, forward, target.port) : loopbackApi(target.port)
}

/**
 * A TrueNAS CORE / iocage jail. A VNET jail has its own network stack with its own lo0 (iocage's
 * networking documentation, "VIMAGE/VNET"; iocage property vnet=on), so the host's 127.0.0.1
 * does not reach its server: refused at preflight, before anything changes, saying what to do.
 * A shared-IP jail's server is reached on the host's loopback as before.
 */
function jailApi(host: Host, jail: string, port: number): ServerApi {
  return Object.assign(loopbackApi(port), {
    unreachable: async (): Promise<string | null> => {
      const r = await host.exec('iocage', ['get', 'vnet', jail], { timeoutMs: 10_000 })
      if (r.exitCode !== 0 || !/^(on|1|yes)$/i.test(r.stdout.trim())) return null
      return `The jail ${jail} has its own network (VNET), so its Plex Media Server cannot be reached on this host's 127.0.0.1 to check that it started and to claim it. Stop it yourself (iocage exec ${jail} service plexmediaserver stop), run the reset on its Preferences.xml with --file PATH --no-service, start it again, then claim it in Plex Web at the jail's own address.`
    }
  })
}

export const asApi = (api: number | ServerApi): ServerApi => (typeof api === 'number' ? loopbackApi(api) : api)
