import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPlexTv, type PlexTvStandIn } from '../../simulator/plex-tv'
import { accountDiffers, checkOwnership } from './resources'
import type { PlexTvUserOptions } from './user'

// The stand-in answers GET /api/v2/resources as python-plexapi's MyPlexAccount.resources() reads
// it; a claim (the server's exchange of a claim token) lists the server for the account.
let plexTv: PlexTvStandIn
let options: PlexTvUserOptions
beforeAll(async () => {
  plexTv = await startPlexTv()
  options = { baseUrl: plexTv.url, clientIdentifier: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' }
})
afterAll(() => plexTv.close())

const MACHINE = 'abcdefabcdefabcdefabcdefabcdefabcdefabcd'

/** Claims a server at the stand-in as PMS does; returns the server's new token. */
async function claimAs(username: string, machine = MACHINE, name = 'Den'): Promise<string> {
  const token = plexTv.mintClaimToken({ username, email: `${username}@example.com`, authToken: `USER${username}0001` })
  const res = await fetch(`${plexTv.url}/api/claim/exchange?token=${token}`, { method: 'POST', headers: { 'X-Plex-Client-Identifier': machine, 'X-Plex-Device-Name': name } })
  return /<authentication-token>([^<]+)</.exec(await res.text())![1]!
}

describe("plex.tv's word on a claimed server (GET /api/v2/user, then /api/v2/resources)", () => {
  it('listed and owned: the account and the name plex.tv lists', async () => {
    const token = await claimAs('kate_new')
    expect(await checkOwnership(options, token, MACHINE)).toEqual({ state: 'owned', listed: true, owned: true, account: 'kate_new', serverName: 'Den' })
  })

  it('listed but not owned (another account shared it): owned false', async () => {
    const token = await claimAs('kim', 'f'.repeat(40))
    plexTv.resources.set('kim', [{ name: 'Attic', clientIdentifier: MACHINE, owned: false, provides: 'server' }])
    expect(await checkOwnership(options, token, MACHINE)).toEqual({ state: 'not-owned', listed: true, owned: false, account: 'kim', serverName: 'Attic' })
  })

  it('not listed yet: looked for again within the wait, then found', async () => {
    plexTv.lagListing(2)
    const token = await claimAs('lagging', '1'.repeat(40))
    expect(await checkOwnership(options, token, '1'.repeat(40), { totalMs: 60_000, intervalMs: 1 })).toMatchObject({ state: 'owned', account: 'lagging' })
  })

  it('not listed after the wait: says so, with the account', async () => {
    plexTv.lagListing(1000)
    try {
      const token = await claimAs('slow', '2'.repeat(40))
      expect(await checkOwnership(options, token, '2'.repeat(40), { totalMs: 20, intervalMs: 1 })).toEqual({ state: 'not-listed', listed: false, owned: null, account: 'slow', serverName: null })
    } finally {
      plexTv.lagListing(0)
    }
  })

  it('token refused (401 at /api/v2/user): the check could not be made, nothing about ownership', async () => {
    expect(await checkOwnership(options, 'NOTaTOKEN', MACHINE)).toEqual({ state: 'refused', listed: null, owned: null, account: null, serverName: null })
  })

  it('token refused for the list only: the account is known, ownership is not', async () => {
    const token = await claimAs('kate_new')
    plexTv.refuseResourceLists(true)
    try {
      expect(await checkOwnership(options, token, MACHINE)).toEqual({ state: 'refused', listed: null, owned: null, account: 'kate_new', serverName: null })
    } finally {
      plexTv.refuseResourceLists(false)
    }
  })

  it('plex.tv unreachable', async () => {
    expect(await checkOwnership({ ...options, baseUrl: 'http://127.0.0.1:9' }, 'x', MACHINE)).toMatchObject({ state: 'unreachable', listed: null, owned: null })
  })

  it('an answer that is not a list (a proxy page): unexpected-answer', async () => {
    const token = await claimAs('kate_new')
    const realFetch = globalThis.fetch
    globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) =>
      String(input).includes('/resources') ? new Response('<html>hotel wifi</html>', { status: 200 }) : realFetch(input, init)) as typeof fetch
    try {
      expect(await checkOwnership(options, token, MACHINE)).toMatchObject({ state: 'unexpected-answer', listed: null })
    } finally {
      globalThis.fetch = realFetch
    }
  })

  it('entries of an unknown shape are skipped, not fatal', async () => {
    const token = await claimAs('mixed', '3'.repeat(40))
    plexTv.resources.set('mixed', [{ bogus: true } as never, { name: 'Den', clientIdentifier: '3'.repeat(40), owned: true, provides: 'server' }])
    expect((await checkOwnership(options, token, '3'.repeat(40))).state).toBe('owned')
  })

  it('the account differs from the one signed in with (an e-mail as username compared masked)', () => {
    const check = { state: 'owned', listed: true, owned: true, account: 'kate_new', serverName: 'Den' } as const
    expect(accountDiffers(check, 'kate_new')).toBe(false)
    expect(accountDiffers(check, 'kate')).toBe(true)
    expect(accountDiffers({ ...check, account: 'k***@example.com' }, 'kate@example.com')).toBe(false)
    expect(accountDiffers(check, null)).toBe(false)
  })
})
