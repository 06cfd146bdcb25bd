import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPlexTv, type PlexTvStandIn } from '../../simulator/plex-tv'
import { authPageUrl, claimTokenFor, createPin, waitForUserToken, type PlexTvOptions } from './sign-in'

let plexTv: PlexTvStandIn
let options: PlexTvOptions
beforeAll(async () => {
  plexTv = await startPlexTv()
  options = { baseUrl: plexTv.url, authUrl: plexTv.authUrl, clientIdentifier: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' }
})
afterAll(() => plexTv.close())

const approveSoon = (code: string, ms = 200): void => void setTimeout(() => plexTv.approvePin(code, { username: 'kate_new' }), ms)

describe('Sign in with Plex (PIN)', () => {
  it('creates a strong PIN, opens the auth page URL, polls until approved, and gets a claim token', async () => {
    const pin = await createPin(options)
    const url = new URL(authPageUrl(options, pin))
    expect(url.origin + url.pathname).toBe(plexTv.authUrl)
    const params = new URLSearchParams(url.hash.slice(2))
    expect(Object.fromEntries(params)).toEqual({ clientID: options.clientIdentifier, code: pin.code, 'context[device][product]': 'Plex Reclaim' })
    approveSoon(pin.code)
    const userToken = await waitForUserToken(options, pin, { intervalMs: 50 })
    expect(await claimTokenFor(options, userToken)).toMatch(/^claim-/)
  })

  it('a claim token answered with 201 (any 2xx carrying a token) is taken', async () => {
    const pin = await createPin(options)
    approveSoon(pin.code, 10)
    const userToken = await waitForUserToken(options, pin, { intervalMs: 50 })
    plexTv.setClaimTokenStatus(201)
    try {
      expect(await claimTokenFor(options, userToken)).toMatch(/^claim-/)
    } finally {
      plexTv.setClaimTokenStatus(200)
    }
  })

  it('an expired PIN says to start again', async () => {
    const pin = await createPin(options)
    plexTv.expirePins()
    await expect(waitForUserToken(options, pin, { intervalMs: 50 })).rejects.toMatchObject({ code: 'PIN_EXPIRED', message: expect.stringContaining('Sign in with Plex" again') })
  })

  it('the user can cancel while it waits', async () => {
    const pin = await createPin(options)
    const abort = new AbortController()
    setTimeout(() => abort.abort(), 150)
    await expect(waitForUserToken(options, pin, { intervalMs: 50, signal: abort.signal })).rejects.toMatchObject({ code: 'SIGN_IN_CANCELLED' })
  })

  it('a 429 is waited out for as long as Retry-After says', async () => {
    const pin = await createPin(options)
    plexTv.rateLimit(1, 1)
    approveSoon(pin.code, 50)
    const started = Date.now()
    expect(await waitForUserToken(options, pin, { intervalMs: 50 })).toBeTruthy()
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
  })

  it('a 401 for the user token says to sign in again or use a claim code', async () => {
    plexTv.rejectUserTokens(true)
    try {
      await expect(claimTokenFor(options, 'anything')).rejects.toMatchObject({ code: 'PLEX_TV_UNAUTHORIZED', message: expect.stringContaining('https://www.plex.tv/claim') })
    } finally {
      plexTv.rejectUserTokens(false)
    }
  })

  it('plex.tv unreachable says what to do', async () => {
    await expect(createPin({ ...options, baseUrl: 'http://127.0.0.1:9' })).rejects.toMatchObject({ code: 'PLEX_TV_UNREACHABLE', message: expect.stringContaining('paste a claim code') })
  })

  it('a PIN request without a client identifier is refused, as plex.tv does', async () => {
    const res = await fetch(`${plexTv.url}/api/v2/pins?strong=true`, { method: 'POST' })
    expect(res.status).toBe(400)
  })
})

describe('network failures, proxies and TLS interception', () => {
  const failure = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } })
  it.each([
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'PLEX_TV_TLS', /intercepted.*security software, a proxy or a VPN/],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'PLEX_TV_TLS', /intercepted/],
    ['CERT_NOT_YET_VALID', 'CLOCK_WRONG', /clock is wrong/],
    ['ENOTFOUND', 'PLEX_TV_UNREACHABLE', /cannot be reached.*proxy/],
    ['ECONNRESET', 'PLEX_TV_UNREACHABLE', /paste a claim code/]
  ])('%s: %s', async (code, expected, message) => {
    const { unreachable } = await import('./sign-in')
    expect(unreachable(failure(code))).toMatchObject({ code: expected, message: expect.stringMatching(message) })
  })
})

describe("plex.tv's sign-in answers are validated, not cast (a proxy page, a changed API)", () => {
  const answering = (body: unknown, status = 200) => {
    const realFetch = globalThis.fetch
    globalThis.fetch = (async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })) as typeof fetch
    return () => void (globalThis.fetch = realFetch)
  }

  it.each([
    ['a captive portal page', '<html>Sign in to the hotel Wi-Fi</html>'],
    ['a PIN without a code', { id: 5 }],
    ['a PIN whose id is text', { id: 'five', code: 'abcd' }]
  ])('a new PIN that is %s: an unexpected answer, said as such', async (_, body) => {
    const restore = answering(body, 201)
    try {
      await expect(createPin(options)).rejects.toMatchObject({ code: 'PLEX_TV_UNREACHABLE', message: expect.stringContaining('unexpected answer') })
    } finally {
      restore()
    }
  })

  it('a PIN poll answered with a token that is not text: an unexpected answer, not a token', async () => {
    const restore = answering({ authToken: { nested: true } })
    try {
      await expect(waitForUserToken(options, { id: 1, code: 'abcd', expiresAt: Date.now() + 60_000 }, { intervalMs: 1 })).rejects.toMatchObject({ message: expect.stringContaining('unexpected answer') })
    } finally {
      restore()
    }
  })
})
