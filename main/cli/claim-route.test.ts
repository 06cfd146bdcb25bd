import { writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startPlexTv, type PlexTvStandIn } from '../simulator/plex-tv'
import { startSimulator, type RunningSimulator } from '../simulator/pms'
import { testHooks } from '../../test/support/cli-hooks'
import { freePort, setEnv } from '../../test/support/linux-server'
import { SIGNED_OUT, layOut, tempDir } from '../../test/support/temp'
import { AppService, LocalHost, REAL_PLEX_TV } from '../app/index'
import { runCli } from './run'

/**
 * Issue 15 item 12 through the CLI: a macOS 1.29.2 server (laid out as detection finds it, the
 * simulator playing its API) whose local claim changes nothing gets the steps of its own sign-in,
 * in words and in the JSON.
 */
let plexTv: PlexTvStandIn | undefined
let undo: (() => void) | undefined
const sims: RunningSimulator[] = []
afterEach(async () => {
  undo?.()
  for (const s of sims.splice(0)) await s.stop()
  await plexTv?.close()
  plexTv = undo = undefined
})

async function macServer(claimIgnored: boolean) {
  plexTv ??= await startPlexTv()
  undo ??= setEnv({ PLEX_RECLAIM_PLEXTV_URL: plexTv.url })
  const root = tempDir('plex-mac-claim')
  layOut(root, { 'Applications/Plex Media Server.app/Contents/Info.plist': '' })
  mkdirSync(join(root, 'Users/kate/Library/Preferences'), { recursive: true })
  const { buildBinary } = await import('plist')
  writeFileSync(join(root, 'Users/kate/Library/Preferences/com.plexapp.plexmediaserver.plist'), buildBinary({ MachineIdentifier: 'mac-1' }))
  const dataDir = tempDir('plex-mac-api')
  layOut(dataDir, { 'Preferences.xml': SIGNED_OUT })
  const sim = await startSimulator({ dataDir, port: await freePort(), plexTvUrl: plexTv.url, version: '1.29.2.6364-6d72b0cf6', claimIgnored })
  sims.push(sim)
  const cli = async (...argv: string[]) => {
    const out: string[] = []
    const err: string[] = []
    const code = await runCli([...argv, '--root', root, '--port', String(sim.port), '--backup-dir', join(root, 'backups')], { out: (s) => void out.push(s), err: (s) => void err.push(s) }, testHooks())
    return { code, stdout: out.join('\n'), stderr: err.join('\n') }
  }
  const app = () => new AppService({ local: new LocalHost(), backupDir: join(root, 'backups'), root, docker: false, port: sim.port, appVersion: 'test', plexTv: REAL_PLEX_TV })
  return { cli, app, token: () => plexTv!.mintClaimToken({ username: 'kate_new' }) }
}

describe('claim on a macOS 1.29.2 server (its own sign-in)', () => {
  it('a claim that leaves it unclaimed: the steps of its own sign-in, and the JSON says so', async () => {
    const { cli, token } = await macServer(true)
    const json = await cli('claim', '--token', token(), '--json')
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toEqual({
      claimed: false,
      username: null,
      accountChange: null,
      route: 'server-sign-in',
      serverSignIn: {
        steps: [
          'On the computer that runs Plex Media Server, click its icon (in the notification area on Windows, in the menu bar on macOS) and choose "Open Plex…".',
          'Sign in with your Plex account when the server asks: it claims itself for that account.'
        ],
        sources: ['https://forums.plex.tv/t/new-claiming-requirement-for-windows/839096', 'https://forums.plex.tv/t/new-server-claiming-requirement-for-macos/816337']
      },
      ownership: null
    })
    const words = await cli('claim', '--token', token())
    expect(words.code).toBe(1)
    expect(words.stderr).toMatch(/Plex Media Server 1\.29\.2\.6364-6d72b0cf6 on macOS is claimed through its own sign-in .* the claim from here left it unclaimed\. 1\. On the computer that runs Plex Media Server, click its icon .*"Open Plex…".*our reading of Plex's announcements/)
    expect(words.stderr).not.toMatch(/32400\/web/)
  }, 30_000)

  it('a claim that works there is labelled unconfirmed', async () => {
    const { cli, token } = await macServer(false)
    const json = await cli('claim', '--token', token(), '--json')
    expect(json.code, json.stderr).toBe(0)
    expect(JSON.parse(json.stdout)).toMatchObject({ claimed: true, username: 'kate_new', route: 'local-claim-unconfirmed', serverSignIn: null })
    const again = await macServer(false)
    const words = await again.cli('claim', '--token', again.token())
    expect(words.stdout).toMatch(/The server is claimed and signed in as kate_new\..*\nNote: this server version signs in through its own Plex Web; the claim from here worked, a route Plex has not confirmed for it\./s)
  }, 30_000)

  it('the wizard\'s claim routes say the claim from here is unconfirmed on that version', async () => {
    const { app } = await macServer(true)
    const service = app()
    const [k] = await service.detect()
    expect(k!.installation.platform).toBe('macos')
    expect(await service.claimRoutes(service.hosts.local, k!)).toMatchObject({ localClaimUnconfirmed: true, plexWeb: expect.stringMatching(/\/web$/) })
    expect(await service.claimRoutes(service.hosts.local)).toMatchObject({ localClaimUnconfirmed: false })
    await service.dispose()
  }, 30_000)
})
