import { promises as fs } from 'node:fs'
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { escapeXml, readSettings, writeSettings } from './settings'

/**
 * A stand-in for Plex Media Server, for tests and demo mode. What it models, and from where
 * (plex-domain.md sections 2, 3 and 7):
 * - on start it reads Preferences.xml from its data folder (with its own parser, never the
 *   product's) and writes plexmediaserver.pid;
 * - for a configurable while after start it runs "startup maintenance": every request is answered
 *   503 with "running startup maintenance tasks" (binhex/arch-plex claim.sh waits for that text;
 *   user reports give the status);
 * - GET /identity answers without a token; GET / without a valid X-Plex-Token is 401, as PMS
 *   answers since 1.1.0;
 * - POST /myplex/claim exchanges the claim token with (a stand-in for) plex.tv and answers with
 *   the account, the <MyPlex> element python-plexapi's claim() reads (server.Account);
 * - it keeps its settings in memory and writes them back when it stops, so an edit made to the
 *   file while it runs is lost, which is why the reset stops it first;
 * - starting and stopping take a configurable, realistic time;
 * - with claimIgnored it plays a server that signs in only through its own Plex Web (Windows
 *   1.32.2+, macOS 1.29.2+ per Plex's forum announcements, where whether the local claim still
 *   works is not known): POST /myplex/claim answers 200 and changes nothing (claimed stays 0).
 */
export interface SimulatorOptions {
  readonly dataDir: string
  readonly port: number
  readonly plexTvUrl: string
  readonly startDelayMs?: number
  readonly stopDelayMs?: number
  /** How long after start every request is answered 503 "startup maintenance". */
  readonly maintenanceMs?: number
  readonly version?: string
  /** POST /myplex/claim answers 200 but the server stays unclaimed. */
  readonly claimIgnored?: boolean
  /** The address to listen on (PMS listens on all; tests keep to loopback). */
  readonly bind?: string
}

export interface RunningSimulator {
  readonly port: number
  /** Stops the way PMS does on SIGTERM: after the delay, settings written back, pid file removed. */
  stop(): Promise<void>
}

const PID_FILE = 'plexmediaserver.pid'
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const MAINTENANCE_PAGE = '<html><head><title>Service Unavailable</title></head><body><h1>503 Service Unavailable</h1><p>Plex Media Server is currently running startup maintenance tasks.</p></body></html>'
const UNAUTHORIZED_PAGE = '<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>'

function exchange(plexTvUrl: string, token: string, clientId: string, name: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const url = new URL(`/api/claim/exchange?token=${encodeURIComponent(token)}`, plexTvUrl)
    const req = request(url, { method: 'POST', headers: { 'X-Plex-Client-Identifier': clientId, 'X-Plex-Product': 'Plex Media Server', 'X-Plex-Provides': 'server', 'X-Plex-Device-Name': name.replace(/[^\x20-\x7e]/g, '?') }, timeout: 10_000 }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', () => resolve({ status: 0, body: '' }))
    req.end()
  })
}

/** The user plex.tv's exchange answers with: <user email=… username=…><authentication-token>…. */
function userOf(body: string): { token: string; username: string; email: string } {
  const user = /<user\b([^>]*)>/.exec(body)?.[1] ?? ''
  const attr = (name: string): string => new RegExp(`\\s${name}="([^"]*)"`).exec(user)?.[1] ?? ''
  return { token: /<authentication-token>([^<]+)<\/authentication-token>/.exec(body)?.[1] ?? '', username: attr('username'), email: attr('email') }
}

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const version = options.version ?? '1.41.3.9314-a0bfb8370'
  const prefsPath = join(options.dataDir, 'Preferences.xml')
  const pidPath = join(options.dataDir, PID_FILE)
  await sleep(options.startDelayMs ?? 0)

  const loaded = await fs.readFile(prefsPath)
  const settings = readSettings(loaded)
  let changed = false
  const maintenanceUntil = Date.now() + (options.maintenanceMs ?? 0)
  const get = (k: string): string => settings.get(k) ?? ''
  const claimed = (): boolean => get('PlexOnlineToken') !== ''
  const machineIdentifier = (): string => get('ProcessedMachineIdentifier') || get('MachineIdentifier')

  const reply = (res: ServerResponse, status: number, body: string, type = 'application/xml'): void => {
    res.writeHead(status, { 'content-type': `${type}; charset=utf-8` })
    res.end(body)
  }
  const container = (attrs: string, size = 0): string => `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="${size}" ${attrs}>\n</MediaContainer>\n`

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (Date.now() < maintenanceUntil) return reply(res, 503, MAINTENANCE_PAGE, 'text/html')
    if (req.method === 'GET' && url.pathname === '/identity') {
      return reply(res, 200, container(`apiVersion="1.1.1" claimed="${claimed() ? 1 : 0}" machineIdentifier="${machineIdentifier()}" version="${version}"`))
    }
    if (req.method === 'GET' && url.pathname === '/') {
      const token = req.headers['x-plex-token']?.toString() ?? url.searchParams.get('X-Plex-Token') ?? ''
      if (!claimed() || token !== get('PlexOnlineToken')) return reply(res, 401, UNAUTHORIZED_PAGE, 'text/html')
      const name = escapeXml(get('FriendlyName') || 'Plex Media Server')
      return reply(res, 200, container(`friendlyName="${name}" machineIdentifier="${machineIdentifier()}" myPlex="1" myPlexMappingState="mapped" myPlexSigninState="ok" myPlexSubscription="0" myPlexUsername="${escapeXml(get('PlexOnlineUsername'))}" version="${version}"`, 20))
    }
    if (req.method === 'POST' && url.pathname === '/myplex/claim') {
      if (claimed()) return reply(res, 400, '<Response code="400" status="Server is already claimed"/>')
      if (options.claimIgnored) return reply(res, 200, container(''))
      const answer = await exchange(options.plexTvUrl, url.searchParams.get('token') ?? '', machineIdentifier(), get('FriendlyName') || 'Plex Media Server')
      if (answer.status === 401 || answer.status === 422) return reply(res, 401, UNAUTHORIZED_PAGE, 'text/html')
      if (answer.status !== 200) return reply(res, 500, '<html><head><title>Internal Server Error</title></head><body><h1>500 Internal Server Error</h1></body></html>', 'text/html')
      const user = userOf(answer.body)
      settings.set('PlexOnlineToken', user.token)
      settings.set('PlexOnlineUsername', user.username)
      settings.set('PlexOnlineMail', user.email)
      changed = true
      await fs.writeFile(prefsPath, writeSettings(settings))
      const account = `authToken="${escapeXml(user.token)}" username="${escapeXml(user.username)}" mappingState="mapped" mappingError="" signInState="ok" publicAddress="" publicPort="0" privateAddress="127.0.0.1" privatePort="${options.port}" subscriptionFeatures="" subscriptionActive="0" subscriptionState="Unknown"`
      return reply(res, 200, `<?xml version="1.0" encoding="UTF-8"?>\n<MyPlex ${account}>\n</MyPlex>\n`)
    }
    reply(res, 404, '<html><body><h1>404 Not Found</h1></body></html>', 'text/html')
  }

  const server: Server = createServer((req, res) => void handle(req, res).catch(() => reply(res, 500, ''))) // the simulator answers 500 as a server would
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.bind ?? '127.0.0.1', resolve)
  })
  await fs.writeFile(pidPath, `${process.pid}\n`)

  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      await sleep(options.stopDelayMs ?? 0)
      // What is in memory wins: the bytes it loaded, or its own serialization if it changed them.
      await fs.writeFile(prefsPath, changed ? writeSettings(settings) : loaded)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await fs.rm(pidPath, { force: true })
    }
  }
}
