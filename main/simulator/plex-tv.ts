import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A stand-in for plex.tv, for tests and demo mode. It follows the documented responses
 * (plex-domain.md 3a/3b): claim tokens are "claim-" plus random characters and live about
 * 4 minutes; `POST /api/claim/exchange?token=` answers the server's exchange with an XML user
 * carrying <authentication-token>, or 401 for an unknown or expired token; `GET
 * /api/claim/token.json` gives a signed-in user a fresh claim token. `outage` makes every call 500.
 */
export interface PlexAccount {
  readonly username: string
  readonly email: string
  readonly authToken: string
}

export interface PlexTvStandIn {
  readonly url: string
  /** Mints a claim token for the account, valid for ttlMs (default 4 minutes). */
  mintClaimToken(account?: Partial<PlexAccount>, ttlMs?: number): string
  setOutage(on: boolean): void
  readonly accounts: ReadonlyMap<string, PlexAccount>
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
    if (req.method === 'POST' && url.pathname === '/api/claim/exchange') {
      const token = url.searchParams.get('token') ?? ''
      const claim = claims.get(token)
      if (!claim || claim.expires < Date.now()) return xml(res, 401, '<?xml version="1.0" encoding="UTF-8"?>\n<errors>\n  <error>Invalid token</error>\n</errors>\n')
      claims.delete(token) // a claim token works once
      const a = claim.account
      return xml(
        res,
        200,
        `<?xml version="1.0" encoding="UTF-8"?>\n<user email="${a.email}" id="1" uuid="0a1b2c3d4e5f" username="${a.username}" title="${a.username}" home="0">\n  <authentication-token>${a.authToken}</authentication-token>\n</user>\n`
      )
    }
    if (req.method === 'GET' && url.pathname === '/api/claim/token.json') {
      const user = accounts.get(req.headers['x-plex-token']?.toString() ?? url.searchParams.get('X-Plex-Token') ?? '')
      if (!user) {
        res.writeHead(401, { 'content-type': 'application/json' })
        return void res.end('{"errors":[{"code":1001,"message":"User could not be authenticated"}]}')
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      return void res.end(JSON.stringify({ token: mint(user) }))
    }
    xml(res, 404, '<errors><error>Not found</error></errors>')
  }

  const server: Server = createServer(handle)
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    mintClaimToken: mint,
    setOutage: (on) => void (outage = on),
    accounts,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
