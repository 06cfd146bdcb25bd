import { afterEach, describe, expect, it } from 'vitest'
import { readIdentity } from '../core/server/identity'
import { linuxServer, type LinuxServer } from '../../test/support/linux-server'
import { SIGNED_OUT } from '../../test/support/temp'
import { testHooks } from '../../test/support/cli-hooks'
import { runCli, type CliHooks } from './run'

// After a claim the CLI asks plex.tv (the stand-in) with the server's new token: /api/v2/user names
// the account, /api/v2/resources lists its servers; the server is found by its machineIdentifier.
async function cli(argv: string[], hooks: CliHooks = testHooks()) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (s) => void out.push(s), err: (s) => void err.push(s) }, hooks)
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

let machine: LinuxServer | undefined
afterEach(async () => {
  await machine?.dispose()
  machine = undefined
})

async function unclaimed(): Promise<LinuxServer> {
  machine = await linuxServer({ preferences: SIGNED_OUT })
  expect(machine.systemctl('start', 'plexmediaserver').status).toBe(0)
  for (let i = 0; i < 100 && !(await readIdentity(machine.port)); i++) await new Promise((r) => setTimeout(r, 30))
  return machine
}

const MACHINE = 'abcdefabcdefabcdefabcdefabcdefabcdefabcd'
const args = (m: LinuxServer, ...extra: string[]) => ['--port', String(m.port), '--root', m.root, '--backup-dir', m.backups, ...extra]
const serverToken = (m: LinuxServer): string => /PlexOnlineToken="([^"]+)"/.exec(m.read())![1]!

describe('claim: plex.tv lists the server as the account\'s own', () => {
  it('listed and owned, in words: the server\'s word as headline, plex.tv\'s as the second line, Plex Web at this server', async () => {
    const m = await unclaimed()
    const r = await cli(['claim', '--token', m.plexTv.mintClaimToken({ username: 'kate_new' }), ...args(m)])
    expect(r.code, r.stderr).toBe(0)
    const lines = r.stdout.split('\n')
    expect(lines[0]).toBe(`The server is claimed and signed in as kate_new. Open Plex Web to use it: https://app.plex.tv/desktop/#!/media/${MACHINE}/com.plexapp.plugins.library.`)
    expect(lines[1]).toBe('plex.tv lists Den as owned by kate_new.')
    expect(r.stdout).not.toContain(serverToken(m))
  }, 30_000)

  it('listed and owned, as JSON; status asks again (one look) with the token the server holds', async () => {
    const m = await unclaimed()
    const r = await cli(['claim', '--token', m.plexTv.mintClaimToken({ username: 'kate_new' }), ...args(m, '--json')])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).ownership).toEqual({ state: 'owned', listed: true, owned: true, account: 'kate_new', serverName: 'Den', accountDiffers: false })
    const status = await cli(['status', ...args(m, '--json')])
    expect(JSON.parse(status.stdout).ownership).toEqual({ state: 'owned', listed: true, owned: true, account: 'kate_new', serverName: 'Den', accountDiffers: false })
    expect(r.stdout + status.stdout).not.toContain(serverToken(m))
  }, 30_000)

  it('Sign in with Plex: the same check, with the account signed in with', async () => {
    const m = await unclaimed()
    const out: string[] = []
    const done = runCli(['claim', '--sign-in', ...args(m)], { out: (l) => void out.push(l), err: (l) => void out.push(l) }, testHooks())
    for (let i = 0; i < 200 && !out.join('').includes('#?'); i++) await new Promise((r) => setTimeout(r, 20))
    const code = new URLSearchParams(out.join('\n').split('#?')[1]!.split(/[\s"]/)[0]).get('code')!
    expect(m.plexTv.approvePin(code, { username: 'kate_new' })).toBe(true)
    expect(await done).toBe(0)
    expect(out.join('\n')).toContain('The server is claimed and signed in as kate_new. Open Plex Web to use it: https://app.plex.tv/desktop/#!/media/')
    expect(out.join('\n')).toContain('\nplex.tv lists Den as owned by kate_new.\n')
    // The sign-in's own token was signed out; the server's token is its own and still works.
    expect(m.plexTv.signedOut).toEqual(['STANDINuserTokenAbc123'])
  }, 30_000)

  it('not listed yet: asked again within the wait, then said so (not a failure of the claim)', async () => {
    const m = await unclaimed()
    m.plexTv.lagListing(1000)
    const r = await cli(['claim', '--token', m.plexTv.mintClaimToken({ username: 'kate_new' }), ...args(m)], { ...testHooks(), ownershipWaitMs: 50 })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.split('\n')[1]).toBe('plex.tv does not list this server for kate_new yet (it can lag behind a claim). Check again later with: plex-reclaim status')
  }, 30_000)

  it('token refused (401): the check could not be made, nothing said about ownership', async () => {
    const m = await unclaimed()
    m.plexTv.refuseResourceLists(true)
    const r = await cli(['claim', '--token', m.plexTv.mintClaimToken({ username: 'kate_new' }), ...args(m, '--json')])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).ownership).toEqual({ state: 'refused', listed: null, owned: null, account: 'kate_new', serverName: null, accountDiffers: false })
    const words = await cli(['status', ...args(m)])
    expect(words.stdout).toContain("plex.tv's own check could not be made: plex.tv did not accept the server's token for it (401). That says nothing about who owns the server.")
    expect(words.stdout).not.toMatch(/owned by|not as owned/)
  }, 30_000)

  it('plex.tv unreachable from here (the server reached it for the claim): said so', async () => {
    const m = await unclaimed()
    const hooks = { ...testHooks(), plexTv: { baseUrl: 'http://127.0.0.1:9', authUrl: 'http://127.0.0.1:9/auth' } }
    const r = await cli(['claim', '--token', m.plexTv.mintClaimToken({ username: 'kate_new' }), ...args(m, '--json')], hooks)
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ claimed: true, ownership: { state: 'unreachable', listed: null, owned: null, account: null } })
  }, 30_000)

  it('an unclaimed server: status has no ownership to ask about', async () => {
    const m = await unclaimed()
    expect(JSON.parse((await cli(['status', ...args(m, '--json')])).stdout).ownership).toBeNull()
  }, 30_000)
})
