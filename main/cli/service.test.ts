import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BackupStore } from '../core/backups/store'
import { LocalHost } from '../core/host/local'
import { readIdentity } from '../core/server/identity'
import { linuxServer, type LinuxServer } from '../../test/support/linux-server'
import { SIGNED_IN, SIGNED_OUT } from '../../test/support/temp'
import { runCli } from './run'
import { testHooks } from '../../test/support/cli-hooks'
import { serverAnswers, until } from '../../test/support/until'

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (s) => void out.push(s), err: (s) => void err.push(s) }, testHooks())
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

let machine: LinuxServer | undefined
afterEach(async () => {
  await machine?.dispose()
  machine = undefined
})

async function running(options?: Parameters<typeof linuxServer>[0]): Promise<LinuxServer> {
  machine = await linuxServer(options)
  expect(machine.systemctl('start', 'plexmediaserver').status).toBe(0)
  await serverAnswers(machine.port)
  return machine
}

describe('reset with the server under control (Linux, systemd)', () => {
  it('leaves the server running unclaimed with the exact bytes and a verified backup; then claim signs it in', async () => {
    const m = await running()
    expect(await readIdentity(m.port)).toMatchObject({ claimed: true })

    const r = await cli('reset', '--root', m.root, '--yes', '--port', String(m.port), '--backup-dir', m.backups)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const steps = [...r.stdout.matchAll(/\] (\S+)\s+done /g)].map((m) => m[1])
    expect(steps).toEqual(['preflight', 'backup', 'verify-backup', 'stop', 'verify-stopped', 'remove', 'verify-store', 'start', 'verify-unclaimed'])
    expect(r.stdout).toMatch(/verify-backup\s+done\s+Backup \S+ read back: sha256 [0-9a-f]{12}… matches/)
    expect(r.stdout).toMatch(/verify-unclaimed\s+done\s+The server is running and unclaimed/)

    expect(await readIdentity(m.port)).toMatchObject({ claimed: false, machineIdentifier: 'abcdefabcdefabcdefabcdefabcdefabcdefabcd' })
    expect(m.read()).toBe(SIGNED_OUT)
    const backups = new BackupStore(m.backups, new LocalHost())
    const [manifest] = await backups.list()
    expect((await backups.readVerified(manifest!.id)).payload.toString()).toBe(SIGNED_IN)
    expect(manifest).toMatchObject({ installType: 'linux-package', keysPresent: ['PlexOnlineHome', 'PlexOnlineMail', 'PlexOnlineToken', 'PlexOnlineUsername'] })

    // A claim code names its account only in the claim's answer: the change is said after.
    const token = m.plexTv.mintClaimToken({ username: 'kate_new' })
    const claim = await cli('claim', '--token', token, '--port', String(m.port), '--root', m.root, '--backup-dir', m.backups, '--json')
    expect(claim.code).toBe(0)
    expect(JSON.parse(claim.stdout)).toEqual({
      claimed: true,
      username: 'kate_new',
      accountChange: { previousAccount: { username: 'kate', maskedEmail: 'k***@example.com' }, newAccount: { username: 'kate_new', maskedEmail: null } },
      route: 'local-claim',
      serverSignIn: null,
      ownership: { state: 'owned', listed: true, owned: true, account: 'kate_new', serverName: 'Den', accountDiffers: false }
    })
    expect(await readIdentity(m.port)).toMatchObject({ claimed: true })
  }, 30_000)

  it('claim with a code, in words: the general warning before, the account change after', async () => {
    const m = await running()
    expect((await cli('reset', '--root', m.root, '--yes', '--port', String(m.port), '--backup-dir', m.backups)).code).toBe(0)
    const claim = await cli('claim', '--token', m.plexTv.mintClaimToken({ username: 'kate_new' }), '--port', String(m.port), '--root', m.root, '--backup-dir', m.backups)
    expect(claim.code).toBe(0)
    const lines = claim.stdout.split('\n')
    expect(lines[0]).toMatch(/^Note: Claim the server with the account it was signed in to before, if you can\. Shares, Plex Home users and managed users/)
    expect(lines[1]).toBe('The server is claimed and signed in as kate_new. Open Plex Web to use it: https://app.plex.tv/desktop/#!/media/abcdefabcdefabcdefabcdefabcdefabcdefabcd/com.plexapp.plugins.library.')
    expect(lines[2]).toBe('plex.tv lists Den as owned by kate_new.')
    expect(lines[3]).toBe('Note: The server was signed in to kate (k***@example.com); this claim signs it in to kate_new. Shares, Plex Home users and managed users tied to kate (k***@example.com) may not follow.')
    expect(lines[4]).toMatch(/private window/)
  }, 30_000)

  it('an edit made while the server runs is lost when it stops: the reason to stop first', async () => {
    const m = await running()
    writeFileSync(m.preferences, SIGNED_OUT)
    expect(m.systemctl('stop', 'plexmediaserver').status).toBe(0)
    expect(m.read()).toBe(SIGNED_IN)
  }, 20_000)

  it('status says running and claimed, then stop and start work and report it', async () => {
    const m = await running()
    const s = JSON.parse((await cli('status', '--root', m.root, '--port', String(m.port), '--json')).stdout)
    expect(s).toMatchObject({ running: true, processAlive: true, claimed: true, account: { username: 'kate' } })
    expect((await cli('stop', '--root', m.root, '--port', String(m.port))).code).toBe(0)
    expect(await readIdentity(m.port)).toBeNull()
    expect((await cli('start', '--root', m.root, '--port', String(m.port))).code).toBe(0)
    expect(await readIdentity(m.port)).not.toBeNull()
  }, 20_000)

  it('a stop that times out reports the last state seen and changes nothing', async () => {
    const m = await running({ stopDelayMs: 4000 })
    const r = await cli('reset', '--root', m.root, '--yes', '--port', String(m.port), '--backup-dir', m.backups, '--timeout', '1')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^plex-reclaim: Plex Media Server did not stop in time \(last seen: .+\)\. Stop it yourself \(sudo systemctl stop plexmediaserver\), then try again\. Plex Media Server was not stopped; its settings are unchanged\. Backup \S+ \(in .+\) holds the settings as they were\.$/)
    expect(m.read()).toBe(SIGNED_IN)
  }, 20_000)

  it('says nothing needs removing on a server that is not signed in, and leaves it running', async () => {
    const m = await running({ preferences: SIGNED_OUT })
    const r = await cli('reset', '--root', m.root, '--yes', '--port', String(m.port), '--backup-dir', m.backups)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Nothing to remove/)
    expect(await readIdentity(m.port)).not.toBeNull()
  }, 20_000)
})

describe('polkit outcomes when systemctl needs authorisation', () => {
  const outcomes: Array<[string, number, RegExp]> = [
    ['cancel', 1, /^plex-reclaim: The password prompt was cancelled, so nothing was done\. Try again when you are ready, or run: sudo systemctl stop plexmediaserver$/],
    ['deny', 1, /^plex-reclaim: Your account is not allowed to control this service\. Ask an administrator, or run this in a terminal with sudo: sudo systemctl stop plexmediaserver$/],
    ['no-agent', 1, /^plex-reclaim: No password prompt can be shown here \(no polkit authentication agent is running; install one such as lxqt-policykit-agent\)\. Or run this in a terminal: sudo systemctl stop plexmediaserver$/]
  ]
  for (const [answer, code, message] of outcomes) {
    it(`${answer}: a distinct message with the command to run instead`, async () => {
      const m = await running()
      process.env.STANDIN_AS_USER = '1'
      process.env.STANDIN_POLKIT = answer
      const r = await cli('stop', '--root', m.root, '--port', String(m.port))
      expect(r.code).toBe(code)
      expect(r.stderr).toMatch(message)
      expect(await readIdentity(m.port)).not.toBeNull() // still running
    }, 20_000)
  }

  it('timed out: nobody answers the prompt', async () => {
    const m = await running()
    process.env.STANDIN_AS_USER = '1'
    process.env.STANDIN_POLKIT = 'hang'
    const { controlServer } = await import('../core/server/control')
    await expect(controlServer(new LocalHost(), { control: { kind: 'systemd', unit: 'plexmediaserver' }, pidFile: join(m.dataDir, 'plexmediaserver.pid'), port: m.port }, 'stop', { timeoutMs: 500, promptTimeoutMs: 500 })).rejects.toMatchObject({
      code: 'ELEVATION_TIMEOUT',
      message: expect.stringContaining('sudo systemctl stop plexmediaserver')
    })
  }, 20_000)

  it('allowed: pkexec runs systemctl and the server stops', async () => {
    const m = await running()
    process.env.STANDIN_AS_USER = '1'
    process.env.STANDIN_POLKIT = 'allow'
    expect((await cli('stop', '--root', m.root, '--port', String(m.port))).code).toBe(0)
    expect(await readIdentity(m.port)).toBeNull()
  }, 20_000)
})

describe('claim --sign-in', () => {
  it('prints the page to open, waits for the approval, then claims; the user token is never printed', async () => {
    const m = await running({ preferences: SIGNED_OUT })
    process.env.PLEX_RECLAIM_PLEXTV_AUTH_URL = m.plexTv.authUrl
    const out: string[] = []
    const done = runCli(['claim', '--sign-in', '--port', String(m.port), '--backup-dir', m.backups], { out: (l) => void out.push(l), err: (l) => void out.push(l) }, testHooks())
    await until('the prompt "#?"', () => out.join('').includes('#?'))
    const code = new URLSearchParams(out.join('\n').split('#?')[1]!.split(/\s/)[0]).get('code')!
    expect(m.plexTv.approvePin(code, { username: 'kate_new' })).toBe(true)
    expect(await done).toBe(0)
    expect(out.join('\n')).toMatch(/signed in as kate_new/)
    expect(out.join('\n')).not.toContain('STANDINuserToken')
    expect(await readIdentity(m.port)).toMatchObject({ claimed: true })
    expect(m.plexTv.signedOut).toEqual(['STANDINuserTokenAbc123'])
  }, 20_000)
})

describe('status: plex.tv asked about the token the server holds (the stand-in follows /api/v2/user)', () => {
  const status = async (m: LinuxServer) => {
    const r = await cli('status', '--root', m.root, '--port', String(m.port), '--backup-dir', m.backups, '--json')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).not.toContain('SECRETtoken123456789')
    return JSON.parse(r.stdout) as { signIn: unknown }
  }

  it('revoked (401): plex.tv does not know the token', async () => {
    const m = await running()
    expect((await status(m)).signIn).toEqual({ state: 'revoked' })
    const text = await cli('status', '--root', m.root, '--port', String(m.port), '--backup-dir', m.backups)
    expect(text.stdout).toMatch(/plex\.tv: {4}no longer accepts its token \(revoked\): a reset is needed/)
  }, 20_000)

  it('valid (200): plex.tv accepts it and names the account', async () => {
    const m = await running()
    m.plexTv.mintClaimToken({ username: 'kate', email: 'kate@example.com', authToken: 'SECRETtoken123456789' })
    expect((await status(m)).signIn).toEqual({ state: 'valid', username: 'kate' })
  }, 20_000)

  it('unknown: plex.tv answers with an error', async () => {
    const m = await running()
    m.plexTv.setOutage(true)
    expect((await status(m)).signIn).toEqual({ state: 'unknown' })
  }, 20_000)
})

describe('claim --sign-in with another account than before', () => {
  async function signIn(m: LinuxServer, ...extra: string[]) {
    const out: string[] = []
    const err: string[] = []
    const done = runCli(['claim', '--sign-in', '--port', String(m.port), '--root', m.root, '--backup-dir', m.backups, ...extra], { out: (l) => void out.push(l), err: (l) => void err.push(l) }, testHooks())
    await until('the prompt "#?"', () => out.join('').includes('#?'))
    const code = new URLSearchParams(out.join('\n').split('#?')[1]!.split(/\s/)[0]).get('code')!
    expect(m.plexTv.approvePin(code, { username: 'someone_else', email: 'other@example.org', authToken: 'DEVICEtoken' + extra.length })).toBe(true)
    return { code: await done, stdout: out.join('\n'), stderr: err.join('\n') }
  }

  it('without --yes: says what may not follow, claims nothing, and signs the device token out', async () => {
    const m = await running()
    expect((await cli('reset', '--root', m.root, '--yes', '--port', String(m.port), '--backup-dir', m.backups)).code).toBe(0)
    const r = await signIn(m)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'plex-reclaim: The server was signed in to kate (k***@example.com); this claim signs it in to someone_else (o***@example.org). Shares, Plex Home users and managed users tied to kate (k***@example.com) may not follow. Nothing was claimed. To claim it with someone_else anyway, run the claim again with --yes.'
    )
    expect(await readIdentity(m.port)).toMatchObject({ claimed: false })
    expect(m.plexTv.signedOut).toEqual(['DEVICEtoken0'])
  }, 30_000)

  it('with --yes: claims, names the change, and signs the device token out', async () => {
    const m = await running()
    expect((await cli('reset', '--root', m.root, '--yes', '--port', String(m.port), '--backup-dir', m.backups)).code).toBe(0)
    const r = await signIn(m, '--yes')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Going on \(--yes\)\.\nThe server is claimed and signed in as someone_else\. Open Plex Web to use it: \S+\.\nplex\.tv lists Den as owned by someone_else\.\nNote: The server was signed in to kate \(k\*\*\*@example\.com\); this claim signs it in to someone_else \(o\*\*\*@example\.org\)/)
    expect(r.stdout).not.toContain('DEVICEtoken')
    expect(await readIdentity(m.port)).toMatchObject({ claimed: true })
    expect(m.plexTv.signedOut).toEqual(['DEVICEtoken1'])
  }, 30_000)
})

describe('claim errors', () => {
  it('an expired token (401) says to get a new one', async () => {
    const m = await running({ preferences: SIGNED_OUT })
    const r = await cli('claim', '--token', m.plexTv.mintClaimToken({}, -1), '--port', String(m.port))
    expect(r).toMatchObject({ code: 1, stderr: expect.stringMatching(/has expired \(they last about 4 minutes\).*Get a new one at https:\/\/www\.plex\.tv\/claim/) })
  }, 20_000)

  it('a wrong token without the claim- prefix is accepted as a token, and refused by plex.tv', async () => {
    const m = await running({ preferences: SIGNED_OUT })
    const r = await cli('claim', '--token', 'AbCdEfGhIjKlMnOpQrSt', '--port', String(m.port))
    expect(r.stderr).toMatch(/did not accept that claim token/)
  }, 20_000)

  it('a token without its prefix still claims', async () => {
    const m = await running({ preferences: SIGNED_OUT })
    const token = m.plexTv.mintClaimToken().slice('claim-'.length)
    expect((await cli('claim', '--token', token, '--port', String(m.port))).code).toBe(0)
  }, 20_000)

  it('a Plex outage (500) says to wait and retry', async () => {
    const m = await running({ preferences: SIGNED_OUT })
    m.plexTv.setOutage(true)
    const r = await cli('claim', '--token', m.plexTv.mintClaimToken(), '--port', String(m.port))
    expect(r.stderr).toMatch(/plex\.tv could not complete the claim \(a Plex-side error\)\. Wait a few minutes/)
  }, 20_000)

  it('an unreachable server says to start it', async () => {
    const r = await cli('claim', '--token', 'claim-abcdefghijklmnop', '--port', '9')
    expect(r).toMatchObject({ code: 1, stderr: 'plex-reclaim: Plex Media Server does not answer on 127.0.0.1:9. Start it, wait a moment, and claim again.' })
  })

  it('something that is not a token is refused before anything is sent', async () => {
    const r = await cli('claim', '--token', 'https://plex.tv/claim', '--port', '9')
    expect(r.stderr).toMatch(/does not look like a claim token/)
  })
})

describe('other control routes', () => {
  it('an unknown unit: systemctl\'s own words and the command to run', async () => {
    const m = await running()
    const { controlServer } = await import('../core/server/control')
    await expect(controlServer(new LocalHost(), { control: { kind: 'systemd', unit: 'plexmediaserverX' }, pidFile: join(m.dataDir, 'plexmediaserver.pid'), port: m.port }, 'stop', { timeoutMs: 3000 })).rejects.toMatchObject({
      code: 'CONTROL_FAILED',
      message: 'systemctl could not stop Plex Media Server: Failed to stop plexmediaserverX.service: Unit plexmediaserverX.service not loaded.. Run this instead: sudo systemctl stop plexmediaserverX'
    })
  }, 20_000)

  it('snap stop and start act on the snap service', async () => {
    const m = await running()
    const { renameSync } = await import('node:fs')
    m.systemctl('stop', 'plexmediaserver')
    renameSync(join(m.systemdDir, 'plexmediaserver.service.json'), join(m.systemdDir, 'snap.plexmediaserver.plexmediaserver.service.json'))
    const { controlServer } = await import('../core/server/control')
    const target = { control: { kind: 'snap' as const, snap: 'plexmediaserver' }, pidFile: join(m.dataDir, 'plexmediaserver.pid'), port: m.port }
    expect((await controlServer(new LocalHost(), target, 'start', { timeoutMs: 5000 })).answers).toBe(true)
    expect((await controlServer(new LocalHost(), target, 'stop', { timeoutMs: 5000 })).answers).toBe(false)
  }, 20_000)
  // docker stop and start under a real dockerd: test/real/docker.real.test.ts.
})
