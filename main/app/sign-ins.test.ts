import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startPlexTv, type PlexTvStandIn } from '../simulator/plex-tv'
import { CoreError } from '../core/result'
import type { PlexTvOptions } from '../core/plex-tv/sign-in'
import type { ClaimOutcome } from '../core/server/claim'
import { SignIns } from './sign-ins'

let plexTv: PlexTvStandIn
let options: PlexTvOptions
beforeAll(async () => {
  plexTv = await startPlexTv()
  options = { baseUrl: plexTv.url, authUrl: plexTv.authUrl, clientIdentifier: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' }
})
afterAll(() => plexTv.close())

const KATE = { username: 'kate', maskedEmail: 'k***@example.com' }
const BEFORE = { account: KATE, email: 'kate@example.com' }
const codeOf = (authUrl: string): string => new URLSearchParams(new URL(authUrl).hash.slice(2)).get('code')!

/** Starts a sign-in and approves it as `account` (its own device token, so each test sees its own). */
async function approved(signIns: SignIns, key: string, account: { username: string; email: string; authToken: string }): Promise<void> {
  const { authUrl } = await signIns.start(key)
  expect(plexTv.approvePin(codeOf(authUrl), account)).toBe(true)
}

const claims: string[] = []
const claimOk = async (claimToken: string): Promise<ClaimOutcome> => (claims.push(claimToken), { claimed: true, username: null, route: 'local-claim' })
const claimFails = async (): Promise<ClaimOutcome> => {
  throw new CoreError('CLAIM_TOKEN_REJECTED', 'plex.tv did not accept that claim token')
}

describe('Sign in with Plex: the device token is signed out after every outcome (python-plexapi signout)', () => {
  it('claimed: signed out after the claim; the username comes from GET /api/v2/user', async () => {
    const s = new SignIns(async () => options)
    await approved(s, 'a', { username: 'kate', email: 'kate@example.com', authToken: 'DEVICEclaimed01' })
    const r = await s.wait('a', BEFORE, claimOk)
    expect(r).toEqual({ status: 'claimed', outcome: { claimed: true, username: 'kate', route: 'local-claim', accountChange: null }, newAccount: KATE })
    expect(plexTv.signedOut).toContain('DEVICEclaimed01')
  })

  it('failed: the claim error reaches the caller and the token is signed out', async () => {
    const s = new SignIns(async () => options)
    await approved(s, 'b', { username: 'kate', email: 'kate@example.com', authToken: 'DEVICEfailed001' })
    await expect(s.wait('b', BEFORE, claimFails)).rejects.toMatchObject({ code: 'CLAIM_TOKEN_REJECTED' })
    expect(plexTv.signedOut).toContain('DEVICEfailed001')
  })

  it('cancelled at the account question: nothing claimed, the token signed out', async () => {
    const s = new SignIns(async () => options)
    await approved(s, 'c', { username: 'someone_else', email: 'other@example.org', authToken: 'DEVICEcancel001' })
    const before = claims.length
    const r = await s.wait('c', BEFORE, claimOk)
    expect(r).toEqual({ status: 'needs-confirmation', previousAccount: KATE, newAccount: { username: 'someone_else', maskedEmail: 'o***@example.org' } })
    expect(plexTv.signedOut).not.toContain('DEVICEcancel001')
    await s.cancel('c')
    expect(plexTv.signedOut).toContain('DEVICEcancel001')
    expect(claims.length).toBe(before)
    await expect(s.confirm('c', claimOk)).rejects.toMatchObject({ code: 'SIGN_IN_CANCELLED' })
  })

  it('cancelled while waiting, after the user approved on plex.tv: that token is signed out too', async () => {
    const s = new SignIns(async () => options)
    const { authUrl } = await s.start('d')
    const waiting = s.wait('d', null, claimOk)
    const before = plexTv.rateLimitedPolls
    plexTv.rateLimit(100, 60) // the poll has not seen the approval yet
    plexTv.approvePin(codeOf(authUrl), { username: 'kate', email: 'kate@example.com', authToken: 'DEVICEcancel002' })
    // Synchronised on the poller itself: it has been told to back off (Retry-After 60 s) since the approval.
    await vi.waitFor(() => expect(plexTv.rateLimitedPolls).toBeGreaterThan(before), { timeout: 10_000, interval: 5 })
    plexTv.rateLimit(0, 1)
    await s.cancel('d')
    await expect(waiting).rejects.toMatchObject({ code: 'SIGN_IN_CANCELLED' })
    expect(plexTv.signedOut).toContain('DEVICEcancel002')
  })
})

describe('Sign in with Plex: another account than before is asked about first', () => {
  it('a different username and e-mail: needs-confirmation, then confirm claims and names the change', async () => {
    const s = new SignIns(async () => options)
    await approved(s, 'e', { username: 'kate_new', email: 'new@example.net', authToken: 'DEVICEconfirm01' })
    const r = await s.wait('e', BEFORE, claimOk)
    expect(r.status).toBe('needs-confirmation')
    const done = await s.confirm('e', claimOk)
    expect(done).toEqual({
      status: 'claimed',
      outcome: { claimed: true, username: 'kate_new', route: 'local-claim', accountChange: { previousAccount: KATE, newAccount: { username: 'kate_new', maskedEmail: 'n***@example.net' } } },
      newAccount: { username: 'kate_new', maskedEmail: 'n***@example.net' }
    })
    expect(plexTv.signedOut).toContain('DEVICEconfirm01')
  })

  it('the same account renamed (same e-mail) is not a change: claimed at once', async () => {
    const s = new SignIns(async () => options)
    await approved(s, 'f', { username: 'kate_renamed', email: 'kate@example.com', authToken: 'DEVICErenamed01' })
    expect(await s.wait('f', BEFORE, claimOk)).toMatchObject({ status: 'claimed', outcome: { username: 'kate_renamed', accountChange: null } })
  })

  it('masked e-mails that coincide (kate@ and kim@ one domain) are told apart by the full ones', async () => {
    const s = new SignIns(async () => options)
    await approved(s, 'h', { username: 'kim', email: 'kim@example.com', authToken: 'DEVICEmasked001' })
    const r = await s.wait('h', BEFORE, claimOk)
    expect(r).toEqual({ status: 'needs-confirmation', previousAccount: KATE, newAccount: { username: 'kim', maskedEmail: 'k***@example.com' } })
    expect(JSON.stringify(r)).not.toMatch(/kim@|kate@/)
    await s.cancel('h')
  })

  it('no account before (a server never signed in): claimed at once', async () => {
    const s = new SignIns(async () => options)
    await approved(s, 'g', { username: 'kate_new', email: 'new@example.net', authToken: 'DEVICEnoprev001' })
    expect(await s.wait('g', null, claimOk)).toMatchObject({ status: 'claimed' })
  })
})
