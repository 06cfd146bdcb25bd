import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPlexTv, type PlexTvStandIn } from '../../simulator/plex-tv'
import { checkToken, signOut, type PlexTvUserOptions } from './user'

// The stand-in's /api/v2/user follows the documented answers ("Authenticating with Plex" forum
// post; python-plexapi MyPlexAccount): 401 with an error list, or the user as JSON with its token.
let plexTv: PlexTvStandIn
let options: PlexTvUserOptions
beforeAll(async () => {
  plexTv = await startPlexTv()
  options = { baseUrl: plexTv.url, clientIdentifier: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' }
})
afterAll(() => plexTv.close())

describe("plex.tv's view of a token (GET /api/v2/user)", () => {
  it('200: valid, with the username and the e-mail masked (never the token)', async () => {
    plexTv.mintClaimToken({ username: 'kate', email: 'kate@example.com', authToken: 'SERVERtokenValid1' })
    const r = await checkToken(options, 'SERVERtokenValid1')
    expect(r).toEqual({ state: 'valid', account: { username: 'kate', maskedEmail: 'k***@example.com' } })
    expect(JSON.stringify(r)).not.toContain('SERVERtokenValid1')
  })

  it('401: revoked (a password reset or a removed device)', async () => {
    plexTv.mintClaimToken({ username: 'kate', authToken: 'SERVERtokenRevoked' })
    plexTv.revokeToken('SERVERtokenRevoked')
    expect(await checkToken(options, 'SERVERtokenRevoked')).toEqual({ state: 'revoked' })
  })

  it('no answer: unknown (unreachable)', async () => {
    expect(await checkToken({ ...options, baseUrl: 'http://127.0.0.1:9' }, 'anything')).toEqual({ state: 'unknown', reason: 'unreachable' })
  })

  it('a Plex-side error (500): unknown, not revoked', async () => {
    plexTv.setOutage(true)
    try {
      expect(await checkToken(options, 'anything')).toEqual({ state: 'unknown', reason: 'unexpected-answer' })
    } finally {
      plexTv.setOutage(false)
    }
  })

  it('a 200 that is not a user (a captive portal, a proxy page): unknown', async () => {
    const portal = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in to the hotel Wi-Fi</html>'))
    await new Promise<void>((r) => portal.listen(0, '127.0.0.1', r))
    try {
      const baseUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`
      expect(await checkToken({ ...options, baseUrl }, 'anything')).toEqual({ state: 'unknown', reason: 'unexpected-answer' })
    } finally {
      portal.closeAllConnections()
      await new Promise((r) => portal.close(r))
    }
  })

  it('sign-out (DELETE /api/v2/users/signout) makes plex.tv refuse the token from then on', async () => {
    plexTv.mintClaimToken({ username: 'kate_new', authToken: 'DEVICEtokenToSignOut' })
    expect((await checkToken(options, 'DEVICEtokenToSignOut')).state).toBe('valid')
    expect(await signOut(options, 'DEVICEtokenToSignOut')).toBe(true)
    expect(plexTv.signedOut).toContain('DEVICEtokenToSignOut')
    expect(await checkToken(options, 'DEVICEtokenToSignOut')).toEqual({ state: 'revoked' })
  })
})
