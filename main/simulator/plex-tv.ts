import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A stand-in for plex.tv, for tests and demo mode. It follows the documented responses
 * (plex-domain.md 3a/3b): claim tokens are "claim-" plus random characters and live about
 * 4 minutes; `POST /api/claim/exchange?token=` answers the server's exchange with an XML user
 * carrying <authentication-token>, or 401 for an unknown or expired token; `GET
 * /api/claim/token.json` gives a signed-in user a fresh claim token. `outage` makes every call 500.
 * The exchange gives the server a device token of its own for the account (not the user's token,
 * so signing out the sign-in's token leaves the server signed in) and lists the server among the
 * account's resources, as GET /api/v2/resources answers (python-plexapi MyPlexResource: name,
 * clientIdentifier, owned, provides), in JSON when asked for it, else as XML.
 */
export interface PlexAccount {
  readonly username: string
  readonly email: string
  readonly authToken: string
}

export interface Resource {
  readonly name: string
  readonly clientIdentifier: string
  readonly owned: boolean
  readonly provides: string
}

interface Pin {
  readonly id: number
  readonly code: string
  readonly clientIdentifier: string
  expiresAt: number
  authToken: string | null
}

export interface PlexTvStandIn {
  readonly url: string
  /** The sign-in page's stand-in: <url>/auth#?clientID=…&code=… with an Approve button. */
  readonly authUrl: string
  /** Approves a PIN as if the user signed in on the auth page. */
  approvePin(code: string, account?: Partial<PlexAccount>): boolean
  expirePins(): void
  /** The next `count` PIN polls answer 429 with Retry-After. */
  rateLimit(count: number, retryAfterSeconds: number): void
  /** How many PIN polls have been answered 429 so far (tests wait on it instead of sleeping). */
  readonly rateLimitedPolls: number
  /** Claim-token requests answer 401, as for a token plex.tv no longer accepts. */
  rejectUserTokens(on: boolean): void
  /** Mints a claim token for the account, valid for ttlMs (default 4 minutes). */
  mintClaimToken(account?: Partial<PlexAccount>, ttlMs?: number): string
  setOutage(on: boolean): void
  /** plex.tv no longer accepts this token (a password reset, a removed device): 401 from then on. */
  revokeToken(token: string): void
  /** Tokens signed out with DELETE /api/v2/users/signout, in order. */
  readonly signedOut: readonly string[]
  /** The HTTP status a claim-token answer carries (200 by default; plex.tv may answer 201). */
  setClaimTokenStatus(status: number): void
  readonly accounts: ReadonlyMap<string, PlexAccount>
  /** The devices each account's resource list holds (by username); a claim adds its server. */
  readonly resources: Map<string, Resource[]>
  /** A newly claimed server is missing from the next `count` resource lists (plex.tv lags behind). */
  lagListing(count: number): void
  /** Resource lists answer 401 although /api/v2/user accepts the token (a server token refused there). */
  refuseResourceLists(on: boolean): void
  /** Resource lists get the connection closed without an answer (plex.tv unreachable for that call). */
  dropResourceLists(on: boolean): void
  close(): Promise<void>
}

export const DEFAULT_ACCOUNT: PlexAccount = { username: 'kate_new', email: 'kate.new@example.com', authToken: 'STANDINuserTokenAbc123' }
const CLAIM_TTL_MS = 4 * 60 * 1000

const xml = (res: ServerResponse, status: number, body: string): void => {
  res.writeHead(status, { 'content-type': 'application/xml; charset=utf-8' })
  res.end(body)
}

export async function startPlexTv(options: { port?: number } = {}): Promise<PlexTvStandIn> {
  const claims = new Map<string, { account: PlexAccount; expires: number }>()
  const accounts = new Map<string, PlexAccount>([[DEFAULT_ACCOUNT.authToken, DEFAULT_ACCOUNT]])
  let outage = false
  const pins = new Map<number, Pin>()
  let nextPin = 1000
  let limited = 0
  let rateLimitedPolls = 0
  let retryAfter = 1
  let rejectTokens = false
  const signedOut: string[] = []
  let claimTokenStatus = 200
  const resources = new Map<string, Resource[]>()
  let lag = 0
  let refuseLists = false
  let dropLists = false
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
  const pinView = (p: Pin) => ({ id: p.id, code: p.code, product: 'Plex Reclaim', trusted: false, clientIdentifier: p.clientIdentifier, expiresIn: Math.max(0, Math.round((p.expiresAt - Date.now()) / 1000)), expiresAt: new Date(p.expiresAt).toISOString(), authToken: p.authToken })
  const approve = (code: string, account: Partial<PlexAccount> = {}): boolean => {
    const pin = [...pins.values()].find((p) => p.code === code && p.expiresAt > Date.now())
    if (!pin) return false
    const full = { ...DEFAULT_ACCOUNT, ...account }
    accounts.set(full.authToken, full)
    pin.authToken = full.authToken
    return true
  }

  const mint = (account: Partial<PlexAccount> = {}, ttlMs = CLAIM_TTL_MS): string => {
    const full = { ...DEFAULT_ACCOUNT, ...account }
    accounts.set(full.authToken, full)
    const token = `claim-${randomBytes(15).toString('base64url').replace(/[-_]/g, 'x')}`
    claims.set(token, { account: full, expires: Date.now() + ttlMs })
    return token
  }

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://plex.tv')
    if (outage) return xml(res, 500, '<html><body>500 Internal Server Error</body></html>')
    // PINs (POST /api/v2/pins, GET /api/v2/pins/{id}), as Plex's apps use them to sign in.
    const client = req.headers['x-plex-client-identifier']?.toString()
    if (url.pathname === '/api/v2/pins' && req.method === 'POST') {
      if (!client) return json(res, 400, { errors: [{ code: 1000, message: 'X-Plex-Client-Identifier is missing', status: 400 }] })
      const pin: Pin = { id: nextPin++, code: randomBytes(12).toString('base64url').replace(/[-_]/g, 'p').slice(0, 25), clientIdentifier: client, expiresAt: Date.now() + 30 * 60 * 1000, authToken: null }
      pins.set(pin.id, pin)
      return json(res, 201, pinView(pin))
    }
    const pinMatch = /^\/api\/v2\/pins\/(\d+)$/.exec(url.pathname)
    if (pinMatch && req.method === 'GET') {
      if (limited > 0) {
        limited--
        rateLimitedPolls++
        return json(res, 429, { errors: [{ code: 1003, message: 'Rate limit exceeded', status: 429 }] }, { 'retry-after': String(retryAfter) })
      }
      const pin = pins.get(Number(pinMatch[1]))
      if (!pin || pin.clientIdentifier !== client || pin.expiresAt < Date.now()) return json(res, 404, { errors: [{ code: 1020, message: 'Code not found or expired', status: 404 }] })
      return json(res, 200, pinView(pin))
    }
    if (url.pathname === '/auth' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      return void res.end(
        '<!doctype html><html lang="en"><head><title>Plex sign-in (stand-in)</title></head><body><main><h1>Sign in to Plex (stand-in)</h1>' +
          '<p>Signed in as kate_new.</p><form method="post" action="/auth/approve"><input type="hidden" name="code" id="code"><button type="submit">Approve</button></form>' +
          '<script>document.getElementById("code").value=new URLSearchParams(location.hash.slice(2)).get("code")||""</script></main></body></html>'
      )
    }
    if (url.pathname === '/auth/approve' && req.method === 'POST') {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        const ok = approve(new URLSearchParams(body).get('code') ?? '')
        res.writeHead(ok ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
        res.end(`<!doctype html><html lang="en"><head><title>Plex</title></head><body><main><h1>${ok ? 'You can close this page' : 'That code has expired'}</h1></main></body></html>`)
      })
      return
    }
    if (req.method === 'POST' && url.pathname === '/api/claim/exchange') {
      const token = url.searchParams.get('token') ?? ''
      const claim = claims.get(token)
      if (!claim || claim.expires < Date.now()) return xml(res, 401, '<?xml version="1.0" encoding="UTF-8"?>\n<errors>\n  <error>Invalid token</error>\n</errors>\n')
      claims.delete(token) // a claim token works once
      const a = claim.account
      const device = `SERVER${randomBytes(12).toString('hex')}`
      accounts.set(device, a)
      const server = req.headers['x-plex-client-identifier']?.toString()
      if (server) {
        const list = (resources.get(a.username) ?? []).filter((r) => r.clientIdentifier !== server)
        resources.set(a.username, [...list, { name: req.headers['x-plex-device-name']?.toString() || 'Plex Media Server', clientIdentifier: server, owned: true, provides: 'server' }])
        hidden.add(server)
        if (lag === 0) hidden.delete(server)
      }
      return xml(
        res,
        200,
        `<?xml version="1.0" encoding="UTF-8"?>\n<user email="${a.email}" id="1" uuid="0a1b2c3d4e5f" username="${a.username}" title="${a.username}" home="0">\n  <authentication-token>${device}</authentication-token>\n</user>\n`
      )
    }
    if (req.method === 'GET' && url.pathname === '/api/claim/token.json') {
      const user = rejectTokens ? undefined : accounts.get(req.headers['x-plex-token']?.toString() ?? url.searchParams.get('X-Plex-Token') ?? '')
      if (!user) {
        res.writeHead(401, { 'content-type': 'application/json' })
        return void res.end('{"errors":[{"code":1001,"message":"User could not be authenticated"}]}')
      }
      res.writeHead(claimTokenStatus, { 'content-type': 'application/json' })
      return void res.end(JSON.stringify({ token: mint(user) }))
    }
    if (userRoutes(req, res, url)) return
    if (req.method === 'GET' && url.pathname === '/api/v2/resources') return resourceList(req, res)
    xml(res, 404, '<errors><error>Not found</error></errors>')
  }

  // GET /api/v2/user and DELETE /api/v2/users/signout, as the "Authenticating with Plex" forum post
  // and python-plexapi (MyPlexAccount, signout) use them: 401 with plex.tv's error list for a token
  // it does not accept; the user as JSON (with its token, as plex.tv sends it); 204 on sign-out.
  const userRoutes = (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    if (url.pathname !== '/api/v2/user' && url.pathname !== '/api/v2/users/signout') return false
    const token = req.headers['x-plex-token']?.toString() ?? ''
    const user = accounts.get(token)
    if (!user) {
      json(res, 401, { errors: [{ code: 1001, message: 'User could not be authenticated', status: 401 }] })
    } else if (url.pathname === '/api/v2/user' && req.method === 'GET') {
      json(res, 200, { id: 1, uuid: '0a1b2c3d4e5f', username: user.username, title: user.username, email: user.email, authToken: user.authToken, home: false })
    } else if (req.method === 'DELETE') {
      accounts.delete(token)
      signedOut.push(token)
      res.writeHead(204).end()
    } else json(res, 405, { errors: [{ code: 1000, message: 'Method not allowed', status: 405 }] })
    return true
  }

  const hidden = new Set<string>()
  const resourceList = (req: IncomingMessage, res: ServerResponse): void => {
    if (dropLists) return void req.socket.destroy()
    const user = accounts.get(req.headers['x-plex-token']?.toString() ?? '')
    if (!user || refuseLists) return json(res, 401, { errors: [{ code: 1001, message: 'User could not be authenticated', status: 401 }] })
    const list = (resources.get(user.username) ?? []).filter((r) => !hidden.has(r.clientIdentifier))
    if (lag > 0 && --lag === 0) hidden.clear()
    const entry = (r: Resource) => ({ ...r, product: 'Plex Media Server', productVersion: '1.41.3.9314-a0bfb8370', platform: 'Linux', device: 'PC', presence: true, home: false, synced: false, connections: [] })
    if (req.headers.accept?.includes('application/json')) return json(res, 200, list.map(entry))
    const attrs = (r: Resource) => `name="${r.name.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}" clientIdentifier="${r.clientIdentifier}" owned="${r.owned ? 1 : 0}" provides="${r.provides}"`
    xml(res, 200, `<?xml version="1.0" encoding="UTF-8"?>\n<resources size="${list.length}">\n${list.map((r) => `  <resource ${attrs(r)}/>\n`).join('')}</resources>\n`)
  }

  const server: Server = createServer(handle)
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    authUrl: `${base}/auth`,
    approvePin: approve,
    expirePins: () => pins.forEach((p) => (p.expiresAt = 0)),
    get rateLimitedPolls() {
      return rateLimitedPolls
    },
    rateLimit: (count, seconds) => {
      limited = count
      retryAfter = seconds
    },
    rejectUserTokens: (on) => void (rejectTokens = on),
    mintClaimToken: mint,
    setOutage: (on) => void (outage = on),
    revokeToken: (token) => void accounts.delete(token),
    signedOut,
    setClaimTokenStatus: (status) => void (claimTokenStatus = status),
    accounts,
    resources,
    lagListing: (count) => void (lag = count),
    refuseResourceLists: (on) => void (refuseLists = on),
    dropResourceLists: (on) => void (dropLists = on),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
