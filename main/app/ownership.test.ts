import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPlexTv, type PlexTvStandIn } from '../simulator/plex-tv'
import { Ownerships } from './ownership'

let plexTv: PlexTvStandIn
beforeAll(async () => {
  plexTv = await startPlexTv()
})
afterAll(() => plexTv.close())

const claimedAs = (username: string) => ({ claimed: true as const, username, route: 'local-claim' as const, accountChange: null })
const MACHINE = 'abcdefabcdefabcdefabcdefabcdefabcdefabcd'
async function claimAs(username: string): Promise<string> {
  const token = plexTv.mintClaimToken({ username, email: `${username}@example.com`, authToken: `USER${username}` })
  const res = await fetch(`${plexTv.url}/api/claim/exchange?token=${token}`, { method: 'POST', headers: { 'X-Plex-Client-Identifier': MACHINE, 'X-Plex-Device-Name': 'Den' } })
  return /<authentication-token>([^<]+)</.exec(await res.text())![1]!
}

describe('the claim just made, asked of plex.tv once', () => {
  const ownerships = () => new Ownerships(async () => ({ baseUrl: plexTv.url, clientIdentifier: 'test-client' }), () => 50)

  it('names another account than the claim used: accountDiffers, both named', async () => {
    const o = ownerships()
    o.proofOf('k')({ serverToken: await claimAs('kate_other'), machineIdentifier: MACHINE })
    o.claimed('k', claimedAs('kate_new'))
    expect(await o.check('k', async () => null)).toMatchObject({ state: 'owned', account: 'kate_other', expectedAccount: 'kate_new', accountDiffers: true })
  })

  it("the claim's token is held until asked once, then let go: the next question reads the settings again", async () => {
    const o = ownerships()
    const token = await claimAs('kate_new')
    o.proofOf('k')({ serverToken: token, machineIdentifier: MACHINE })
    o.claimed('k', claimedAs('kate_new'))
    const reads: string[] = []
    const read = async () => (reads.push('read'), null)
    expect(await o.check('k', read)).toMatchObject({ state: 'owned', accountDiffers: false })
    expect(reads).toEqual([])
    expect(await o.check('k', read)).toBeNull()
    expect(reads).toEqual(['read'])
  })

  it('a claim that failed leaves nothing behind', async () => {
    const o = ownerships()
    o.proofOf('k')
    o.claimed('k', { status: 'needs-confirmation', previousAccount: { username: 'a', maskedEmail: null }, newAccount: { username: 'b', maskedEmail: null } })
    expect(await o.check('k', async () => null)).toBeNull()
  })
})
