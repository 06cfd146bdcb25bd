import { promises as fs } from 'node:fs'
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { PID_FILE, PREFERENCES_FILE } from '../core/stores/keys'
import { attributeValue, parsePreferences } from '../core/stores/preferences-xml'

/**
 * A stand-in for Plex Media Server, for tests and demo mode, after plex-domain.md sections 2-3:
 * - on start it reads Preferences.xml from its data folder and writes plexmediaserver.pid;
 * - it answers GET /identity and GET / in the server's XML shapes, and POST /myplex/claim,
 *   exchanging the claim token with (a stand-in for) plex.tv;
 * - it keeps its settings in memory and writes them back when it stops, so an edit made to the
 *   file while it runs is lost, which is why the reset stops it first;
 * - starting and stopping take a configurable, realistic time.
 */
export interface SimulatorOptions {
  readonly dataDir: string
  readonly port: number
  readonly plexTvUrl: string
  readonly startDelayMs?: number
  readonly stopDelayMs?: number
  readonly version?: string
}

export interface RunningSimulator {
  readonly port: number
  /** Stops the way PMS does on SIGTERM: after the delay, settings written back, pid file removed. */
  stop(): Promise<void>
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

function serialize(settings: ReadonlyMap<string, string>): Buffer {
  const attrs = [...settings].map(([k, v]) => `${k}="${escapeXml(v)}"`).join(' ')
  return Buffer.from(`<?xml version="1.0" encoding="utf-8"?>\n<Preferences ${attrs}/>\n`)
}

function exchange(plexTvUrl: string, token: string, clientId: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const url = new URL(`/api/claim/exchange?token=${encodeURIComponent(token)}`, plexTvUrl)
    const req = request(url, { method: 'POST', headers: { 'X-Plex-Client-Identifier': clientId, 'X-Plex-Product': 'Plex Media Server', 'X-Plex-Provides': 'server' }, timeout: 10_000 }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', () => resolve({ status: 0, body: '' }))
    req.end()
  })
}

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const version = options.version ?? '1.41.3.9314-a0bfb8370'
  const prefsPath = join(options.dataDir, PREFERENCES_FILE)
  const pidPath = join(options.dataDir, PID_FILE)
  await sleep(options.startDelayMs ?? 0)

  const loaded = await fs.readFile(prefsPath)
  const doc = parsePreferences(loaded)
  const settings = new Map(doc.attributes.map((a) => [a.name, attributeValue(doc, a.name) ?? '']))
  let changed = false
  const get = (k: string): string => settings.get(k) ?? ''
  const claimed = (): boolean => get('PlexOnlineToken') !== ''
  const machineIdentifier = (): string => get('ProcessedMachineIdentifier') || get('MachineIdentifier')

  const reply = (res: ServerResponse, status: number, body: string): void => {
    res.writeHead(status, { 'content-type': 'application/xml; charset=utf-8' })
    res.end(body)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method === 'GET' && url.pathname === '/identity') {
      return reply(res, 200, `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="0" apiVersion="1.1.1" claimed="${claimed() ? 1 : 0}" machineIdentifier="${machineIdentifier()}" version="${version}">\n</MediaContainer>\n`)
    }
    if (req.method === 'GET' && url.pathname === '/') {
      const signedIn = claimed()
      return reply(
        res,
        200,
        `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="20" friendlyName="${escapeXml(get('FriendlyName') || 'Plex Media Server')}" machineIdentifier="${machineIdentifier()}" myPlex="1" myPlexMappingState="${signedIn ? 'mapped' : 'unknown'}" myPlexSigninState="${signedIn ? 'ok' : 'none'}" myPlexSubscription="0" myPlexUsername="${escapeXml(signedIn ? get('PlexOnlineUsername') : '')}" version="${version}">\n</MediaContainer>\n`
      )
    }
    if (req.method === 'POST' && url.pathname === '/myplex/claim') {
      if (claimed()) return reply(res, 400, '<Response code="400" status="Server is already claimed"/>')
      const answer = await exchange(options.plexTvUrl, url.searchParams.get('token') ?? '', machineIdentifier())
      if (answer.status === 401 || answer.status === 422) return reply(res, 401, '<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>')
      if (answer.status !== 200) return reply(res, 500, '<html><head><title>Internal Server Error</title></head><body><h1>500 Internal Server Error</h1></body></html>')
      const token = /<authentication-token>([^<]+)<\/authentication-token>/.exec(answer.body)?.[1] ?? ''
      settings.set('PlexOnlineToken', token)
      settings.set('PlexOnlineUsername', /username="([^"]*)"/.exec(answer.body)?.[1] ?? '')
      settings.set('PlexOnlineMail', /email="([^"]*)"/.exec(answer.body)?.[1] ?? '')
      changed = true
      await fs.writeFile(prefsPath, serialize(settings))
      return reply(res, 200, '<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="0">\n</MediaContainer>\n')
    }
    reply(res, 404, '<html><body><h1>404 Not Found</h1></body></html>')
  }

  const server: Server = createServer((req, res) => void handle(req, res).catch(() => reply(res, 500, '')))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', resolve)
  })
  await fs.writeFile(pidPath, `${process.pid}\n`)

  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      await sleep(options.stopDelayMs ?? 0)
      // What is in memory wins: the bytes it loaded, or its own serialization if it changed them.
      await fs.writeFile(prefsPath, changed ? serialize(settings) : loaded)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await fs.rm(pidPath, { force: true })
    }
  }
}
