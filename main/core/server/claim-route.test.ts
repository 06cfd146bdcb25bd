import { afterEach, describe, expect, it } from 'vitest'
import { startPlexTv, type PlexTvStandIn } from '../../simulator/plex-tv'
import { startSimulator, type RunningSimulator } from '../../simulator/pms'
import { SIGNED_OUT, layOut, tempDir } from '../../../test/support/temp'
import { freePort } from '../../../test/support/linux-server'
import { claimAgainHint, claimServer, serverOwnSignIn } from './claim'
import { readIdentity } from './identity'

/**
 * Issue 15 item 12: Windows 1.32.2+ and macOS 1.29.2+ are claimed through PMS's own sign-in
 * (Plex's forum announcements); whether a local POST /myplex/claim still works there is not
 * known. The simulator plays such a server whose claim changes nothing (claimed stays 0).
 */
let plexTv: PlexTvStandIn | undefined
let sim: RunningSimulator | undefined
afterEach(async () => {
  await sim?.stop()
  await plexTv?.close()
  sim = plexTv = undefined
})

async function server(version: string, claimIgnored: boolean): Promise<number> {
  plexTv = await startPlexTv()
  const dataDir = tempDir('plex-claim-route')
  layOut(dataDir, { 'Preferences.xml': SIGNED_OUT })
  sim = await startSimulator({ dataDir, port: await freePort(), plexTvUrl: plexTv.url, version, claimIgnored })
  return sim.port
}

describe('the claim on servers that sign in through their own Plex Web', () => {
  it('which platforms and versions: Windows from 1.32.2, macOS from 1.29.2, nothing else', () => {
    expect(serverOwnSignIn('windows', '1.32.2.7100-248a2daf0')).toBe(true)
    expect(serverOwnSignIn('windows', '1.32.1.6999-91e1e2e2c')).toBe(false)
    expect(serverOwnSignIn('windows', '1.41.3.9314-a0bfb8370')).toBe(true)
    expect(serverOwnSignIn('macos', '1.29.2.6364-6d72b0cf6')).toBe(true)
    expect(serverOwnSignIn('macos', '1.29.1.6316-f4cdfea9c')).toBe(false)
    expect(serverOwnSignIn('linux', '1.41.3.9314-a0bfb8370')).toBe(false)
    expect(serverOwnSignIn('windows', '')).toBe(false)
  })

  it('the hint after a reset: the server\'s own sign-in on Windows and macOS, never its bundled Plex Web there (issue 25 item 6)', () => {
    for (const platform of ['windows', 'macos'] as const) {
      expect(claimAgainHint(platform)).toMatch(/plex-reclaim claim --token CLAIM-TOKEN.*its icon.*"Open Plex…".*sign in/)
      expect(claimAgainHint(platform)).not.toMatch(/32400\/web/)
    }
    expect(claimAgainHint('linux')).toMatch(/or open http:\/\/127\.0\.0\.1:32400\/web on the server/)
  })

  it('a Windows 1.32.2 server whose claim changes nothing: the user is sent to its own sign-in, with the steps', async () => {
    const port = await server('1.32.2.7100-248a2daf0', true)
    const claim = claimServer(port, plexTv!.mintClaimToken({ username: 'kate_new' }), { platform: 'windows' })
    await expect(claim).rejects.toMatchObject({ code: 'CLAIM_SERVER_SIGN_IN' })
    await expect(claim).rejects.toThrow(/Plex Media Server 1\.32\.2\.7100-248a2daf0 on Windows is claimed through its own sign-in.*the claim from here left it unclaimed.*Open Plex….*Sign in with your Plex account.*claims itself.*our reading of Plex's announcements: https:\/\/forums\.plex\.tv\/t\/new-claiming-requirement-for-windows\/839096 and https:\/\/forums\.plex\.tv\/t\/new-server-claiming-requirement-for-macos\/816337/s)
    // Issue 25 item 6: both announcements say the bundled Plex Web no longer offers the claim there.
    await expect(claim).rejects.not.toThrow(/32400\/web/)
    expect(await readIdentity(port)).toMatchObject({ claimed: false })
  })

  it('where the local claim does work there, it is reported as the unconfirmed route', async () => {
    const port = await server('1.29.2.6364-6d72b0cf6', false)
    const outcome = await claimServer(port, plexTv!.mintClaimToken({ username: 'kate_new' }), { platform: 'macos' })
    expect(outcome).toEqual({ claimed: true, username: 'kate_new', route: 'local-claim-unconfirmed' })
  })

  it('an older Windows server keeps the documented local claim, and its failure is not redirected', async () => {
    const port = await server('1.32.1.6999-91e1e2e2c', true)
    await expect(claimServer(port, plexTv!.mintClaimToken(), { platform: 'windows' })).rejects.toMatchObject({ code: 'CLAIM_NOT_CONFIRMED' })
  })
})
