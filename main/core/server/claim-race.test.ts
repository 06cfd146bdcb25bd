import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startPlexTv, type PlexTvStandIn } from '../../simulator/plex-tv'
import { startSimulator, type RunningSimulator } from '../../simulator/pms'
import { SIGNED_OUT, layOut, tempDir } from '../../../test/support/temp'
import { freePort } from '../../../test/support/linux-server'
import { claimServer } from './claim'
import { readIdentity } from './identity'

/**
 * Issue 25 item 10: a 401 on the claim may be a race with a claim that already happened (a claim
 * token works once: plex.tv's exchange answers 401 the second time). Two claims with one token
 * are sent together; a proxy in front of the plex.tv stand-in holds the first exchange until the
 * second arrives, then passes them on in order, so exactly one claim gets the 401 while the
 * server is claimed by the other. That one must not blame the token.
 */
let plexTv: PlexTvStandIn | undefined
let sim: RunningSimulator | undefined
let proxy: Server | undefined
afterEach(async () => {
  await sim?.stop()
  await plexTv?.close()
  await new Promise((r) => (proxy ? proxy.close(r) : r(null)))
  sim = plexTv = proxy = undefined
})

/** Forwards to plex.tv, holding exchanges until two have arrived, then one after the other. */
async function orderingProxy(target: string): Promise<string> {
  const held: (() => Promise<void>)[] = []
  const forward = (req: IncomingMessage, res: ServerResponse) => (): Promise<void> =>
    new Promise((done) => {
      const out = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res).on('finish', () => done())
      })
      req.pipe(out)
    })
  proxy = createServer((req, res) => {
    if (!req.url?.startsWith('/api/claim/exchange')) return void forward(req, res)()
    held.push(forward(req, res))
    if (held.length === 2) void (async () => { for (const f of held) await f() })()
  })
  await new Promise<void>((r) => proxy!.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
}

describe('a claim that races another claim with the same token', () => {
  it('the one plex.tv refuses re-reads /identity: the server is claimed, so the token is not blamed', async () => {
    plexTv = await startPlexTv()
    const dataDir = tempDir('plex-claim-race')
    layOut(dataDir, { 'Preferences.xml': SIGNED_OUT })
    sim = await startSimulator({ dataDir, port: await freePort(), plexTvUrl: await orderingProxy(plexTv.url) })
    const token = plexTv.mintClaimToken({ username: 'kate_new' })
    const outcomes = await Promise.allSettled([claimServer(sim.port, token), claimServer(sim.port, token)])
    expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'claimed')).sort()).toEqual(['claimed', 'claimed'])
    const values = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : null))
    // The winner read its account from the claim's answer; the other cannot know it.
    expect(values.map((v) => v?.username ?? null).sort()).toEqual(['kate_new', null])
    expect(await readIdentity(sim.port)).toMatchObject({ claimed: true })
  })
})
