import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPlexTv, type PlexTvStandIn } from '../../main/simulator/plex-tv'
import { TEST_CLI as CLI, freePort } from '../support/linux-server'
import { SIGNED_IN, SIGNED_OUT, tempDir } from '../support/temp'
import { dockerUnavailable, IMAGES, LABEL, startDockerd, type Dockerd } from './dockerd'
import { REPO } from './nspawn'
import { run, until } from './processes'

/**
 * Plex in Docker under a real dockerd (its own data root and socket, no network changes): the four
 * images detection knows, each a tag of a local Debian image running the server simulator with its
 * /config bind-mounted from the host. The built CLI runs on the host against the real docker CLI.
 */
const unavailable = dockerUnavailable()
const ASD = 'Library/Application Support/Plex Media Server'
const LAYOUT: Record<keyof typeof IMAGES, string> = { plexinc: ASD, linuxserver: ASD, hotio: '', binhex: 'Plex Media Server' }

interface Plex {
  readonly name: string
  readonly port: number
  readonly preferences: string
}

describe.skipIf(unavailable !== null)('Docker under a real dockerd', () => {
  let d: Dockerd
  let plexTv: PlexTvStandIn
  const work = tempDir('plex-docker')
  const backups = join(work, 'backups')

  beforeAll(async () => {
    d = await startDockerd()
    plexTv = await startPlexTv()
  })
  afterAll(async () => {
    await d?.dispose()
    await plexTv?.close()
  })

  /** A container of `image` running the simulator, its config folder from the host. */
  async function container(image: keyof typeof IMAGES, options: { restart?: string; running?: boolean; mountAt?: string; env?: Record<string, string>; stopTimeout?: number; stopDelayMs?: number } = {}): Promise<Plex> {
    const name = `plex-${image}-${Math.random().toString(36).slice(2, 8)}`
    const config = join(work, name)
    // The host folder is mounted at /config, or at a folder below it (mountAt).
    const below = options.mountAt ? LAYOUT[image].slice(options.mountAt.length + 1) : LAYOUT[image]
    const dataDir = join(config, below)
    mkdirSync(dataDir, { recursive: true })
    const preferences = join(dataDir, 'Preferences.xml')
    writeFileSync(preferences, SIGNED_IN)
    const port = await freePort()
    const inside = join('/config', LAYOUT[image])
    const env = Object.entries(options.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`])
    const stop = options.stopTimeout === undefined ? [] : ['--stop-timeout', String(options.stopTimeout)]
    const args = [...env, ...stop, '--name', name, '--label', LABEL, '--restart', options.restart ?? 'unless-stopped', '--network', 'host', '-v', `${config}:${join('/config', options.mountAt ?? '')}`, '-v', '/usr/bin/node:/usr/bin/node:ro', '-v', `${join(REPO, 'out')}:/opt/plex-reclaim/out:ro`, IMAGES[image]]
    const command = ['node', '/opt/plex-reclaim/out/node/pms-simulator.js', '--data-dir', inside, '--port', String(port), '--plex-tv', plexTv.url, '--stop-delay-ms', String(options.stopDelayMs ?? 200)]
    const r = options.running === false ? await d.docker('create', ...args, ...command) : await d.docker('run', '-d', ...args, ...command)
    expect(r.stderr).toBe('')
    if (options.running !== false) await identity(port)
    return { name, port, preferences }
  }

  const identity = (port: number) =>
    until(`the server on port ${port}`, async () => {
      const r = await fetch(`http://127.0.0.1:${port}/identity`).catch(() => null)
      return r?.status === 200 ? r.text() : undefined
    }, 20_000)
  const cli = (...args: string[]) => run(process.execPath, [CLI, ...args, '--backup-dir', backups], { env: { ...d.env, PLEX_RECLAIM_PLEXTV_URL: plexTv.url } })
  const running = async (name: string) => (await d.docker('inspect', '--format', '{{.State.Running}}', name)).stdout.trim()
  async function detect(): Promise<Array<{ id: string; installType: string; store: { path: string }; control: { kind: string; container: string }; account: { username: string } | null }>> {
    const r = await cli('detect', '--json')
    expect(r.stderr).toBe('')
    return JSON.parse(r.stdout)
  }

  it('detection reads each image\'s settings from the running container\'s /config mount', async () => {
    const plexes = await Promise.all((Object.keys(IMAGES) as Array<keyof typeof IMAGES>).map(async (image) => ({ image, plex: await container(image) })))
    const found = await detect()
    for (const { image, plex } of plexes) {
      const entry = found.find((f) => f.control.container === plex.name)
      expect(entry, image).toMatchObject({ installType: `docker-${image}`, store: { path: plex.preferences }, control: { kind: 'docker', container: plex.name }, account: { username: 'kate' } })
    }
    for (const { plex } of plexes) await d.docker('rm', '-f', plex.name)
  })

  it('a config mounted below /config (only /config/Library) is found and reset', async () => {
    const plex = await container('linuxserver', { mountAt: 'Library' })
    expect(plex.preferences).toContain(`${plex.name}/Application Support/Plex Media Server/Preferences.xml`)
    expect((await detect()).find((f) => f.control.container === plex.name)).toMatchObject({ installType: 'docker-linuxserver', store: { path: plex.preferences }, account: { username: 'kate' } })
    await resetThroughDocker(plex)
  })

  async function resetThroughDocker(plex: Plex): Promise<void> {
    const id = (await detect()).find((f) => f.control.container === plex.name)!.id
    const r = await cli('reset', '--server', id, '--yes', '--port', String(plex.port), '--timeout', '20')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect([...r.stdout.matchAll(/\] (\S+)\s+done /g)].map((m) => m[1])).toEqual(['preflight', 'backup', 'verify-backup', 'stop', 'verify-stopped', 'remove', 'verify-store', 'start', 'verify-unclaimed'])
    expect(readFileSync(plex.preferences, 'utf8')).toBe(SIGNED_OUT)
    expect(await running(plex.name)).toBe('true')
    expect(await identity(plex.port)).toMatch(/claimed="0"/)
  }

  it('reset through real docker stop and start (restart policy unless-stopped), then claim', async () => {
    const plex = await container('plexinc')
    await resetThroughDocker(plex)
    const claim = await cli('claim', '--token', plexTv.mintClaimToken(), '--port', String(plex.port), '--json')
    expect(claim.stderr).toBe('')
    expect(JSON.parse(claim.stdout)).toMatchObject({ claimed: true, username: 'kate_new' })
  })

  it('a container with --restart always stays stopped for the edit (docker stop is a manual stop)', async () => {
    await resetThroughDocker(await container('linuxserver', { restart: 'always' }))
  })

  it('a container off the host network (its own loopback, as macvlan is from its host): reset and claim through docker exec', async () => {
    // Nothing on the host reaches it: the plex.tv stand-in runs inside it too.
    const name = `plex-none-${Math.random().toString(36).slice(2, 8)}`
    const config = join(work, name)
    const preferences = join(config, ASD, 'Preferences.xml')
    mkdirSync(join(config, ASD), { recursive: true })
    writeFileSync(preferences, SIGNED_IN)
    const out = '/opt/plex-reclaim/out/node'
    const script = `node ${out}/plex-tv-simulator.js --port 32401 & exec node ${out}/pms-simulator.js --data-dir '/config/${ASD}' --port 32400 --plex-tv http://127.0.0.1:32401 --stop-delay-ms 200`
    const r = await d.docker('run', '-d', '--name', name, '--label', LABEL, '--restart', 'unless-stopped', '--network', 'none', '-v', `${config}:/config`, '-v', '/usr/bin/node:/usr/bin/node:ro', '-v', `${join(REPO, 'out')}:/opt/plex-reclaim/out:ro`, IMAGES.plexinc, 'sh', '-c', script)
    expect(r.stderr).toBe('')
    const inside = (...args: string[]) => d.docker('exec', name, 'curl', '-s', ...args)
    await until('the server inside', async () => ((await inside('http://127.0.0.1:32400/identity')).stdout.includes('claimed="1"') ? true : undefined), 20_000)

    const id = (await detect()).find((f) => f.control.container === name)!.id
    const reset = await cli('reset', '--server', id, '--yes', '--timeout', '20')
    expect(reset.stderr).toBe('')
    expect(reset.code).toBe(0)
    expect(readFileSync(preferences, 'utf8')).toBe(SIGNED_OUT)
    expect((await inside('http://127.0.0.1:32400/identity')).stdout).toMatch(/claimed="0"/)

    const token = JSON.parse((await inside('-H', 'X-Plex-Token: STANDINuserTokenAbc123', 'http://127.0.0.1:32401/api/claim/token.json')).stdout).token as string
    const claim = await cli('claim', '--server', id, '--token', token, '--json')
    expect(claim.stderr).toBe('')
    expect(JSON.parse(claim.stdout)).toMatchObject({ claimed: true, username: 'kate_new' })
    expect((await inside('http://127.0.0.1:32400/identity')).stdout).toMatch(/claimed="1"/)
  })

  describe('a container without curl (its PATH holds no curl: docker exec answers "executable file not found", exit 126/127)', () => {
    async function noCurl(network: 'host' | 'none'): Promise<Plex> {
      const name = `plex-nocurl-${network}-${Math.random().toString(36).slice(2, 8)}`
      const config = join(work, name)
      mkdirSync(join(config, ASD), { recursive: true })
      writeFileSync(join(config, ASD, 'Preferences.xml'), SIGNED_IN)
      const port = network === 'host' ? await freePort() : 32400
      const command = ['/usr/bin/node', '/opt/plex-reclaim/out/node/pms-simulator.js', '--data-dir', `/config/${ASD}`, '--port', String(port), '--plex-tv', plexTv.url, '--stop-delay-ms', '200']
      const r = await d.docker('run', '-d', '--name', name, '--label', LABEL, '--restart', 'unless-stopped', '--network', network, '-e', 'PATH=/opt/no-curl-here', '-v', `${config}:/config`, '-v', '/usr/bin/node:/usr/bin/node:ro', '-v', `${join(REPO, 'out')}:/opt/plex-reclaim/out:ro`, IMAGES.plexinc, ...command)
      expect(r.stderr).toBe('')
      expect((await d.docker('exec', name, 'curl', '--version')).code).not.toBe(0)
      return { name, port, preferences: join(config, ASD, 'Preferences.xml') }
    }

    it('on the host network: the server is reached on the host instead, and the reset ends unclaimed', async () => {
      const plex = await noCurl('host')
      await identity(plex.port)
      await resetThroughDocker(plex)
    })

    it('off every network the host reaches (--network none, as macvlan from its host): refused before anything changes, saying what to check', async () => {
      const plex = await noCurl('none')
      await until('the container running', async () => ((await running(plex.name)) === 'true' ? true : undefined), 20_000)
      const id = (await detect()).find((f) => f.control.container === plex.name)!.id
      const r = await cli('reset', '--server', id, '--yes', '--timeout', '20')
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(new RegExp(`Nothing was changed: Plex Media Server in container ${plex.name} cannot be reached from here: it has no curl .*, publishes no port for 32400, and is on no bridge network \\(network: none\\)\\. Check`))
      expect(readFileSync(plex.preferences, 'utf8')).toBe(SIGNED_IN)
      expect(await running(plex.name)).toBe('true')
    })
  })

  it('a user who may not use the Docker socket is told so, not just that nothing was found', async () => {
    await container('plexinc')
    const r = await run('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', process.execPath, CLI, 'detect'], { env: { ...d.env, HOME: work } })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(
      'Docker is installed, but this user may not use its socket (permission denied), so containers could not be searched. Run the command with sudo, or as a member of the docker group.\n' +
        'No Plex Media Server installation was found. If it runs in Docker or on a NAS share, point at its Preferences.xml: plex-reclaim inspect --file PATH\n'
    )
  })

  describe('the container\'s environment is read before the reset', () => {
    const refused = async (plex: Plex, reason: RegExp) => {
      const id = (await detect()).find((f) => f.control.container === plex.name)!.id
      const r = await cli('reset', '--server', id, '--yes', '--port', String(plex.port), '--timeout', '20')
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(reason)
      expect(r.stderr + r.stdout).not.toContain('claim-secretvalue')
      expect(readFileSync(plex.preferences, 'utf8')).toBe(SIGNED_IN)
      expect(await running(plex.name)).toBe('true')
    }

    it('hotio with PLEX_CLAIM_TOKEN: refused, with the reason', async () => {
      await refused(await container('hotio', { env: { PLEX_CLAIM_TOKEN: 'claim-secretvalue' } }), /^plex-reclaim: Nothing was changed: Container \S+ \(hotio\) has PLEX_CLAIM_TOKEN set: .*the container stops\. Remove PLEX_CLAIM_TOKEN/m)
    })

    it('binhex with PLEX_CLAIM and CLAIM_SERVER=yes: refused, with the reason', async () => {
      await refused(await container('binhex', { env: { PLEX_CLAIM: 'claim-secretvalue', CLAIM_SERVER: 'yes' } }), /^plex-reclaim: Nothing was changed: Container \S+ \(binhex\) has CLAIM_SERVER=yes with PLEX_CLAIM: it clears the sign-in again on every start/m)
    })

    it('pms-docker with PLEX_CLAIM: a warning, and the reset goes ahead', async () => {
      const plex = await container('plexinc', { env: { PLEX_CLAIM: 'claim-secretvalue' } })
      const id = (await detect()).find((f) => f.control.container === plex.name)!.id
      const r = await cli('reset', '--server', id, '--yes', '--port', String(plex.port), '--timeout', '20')
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/preflight\s+done\s+Warning: Container \S+ has PLEX_CLAIM set; the image uses it only on a container's first run/)
      expect(r.stdout).not.toContain('claim-secretvalue')
      expect(readFileSync(plex.preferences, 'utf8')).toBe(SIGNED_OUT)
    })

    // Plex's unRAID template (plexinc/pms-docker plex-unRAID.xml, unchanged since 2017-02-12) fills
    // PLEX_CLAIM with this sentence, with PLEX_UID 99 and PLEX_GID 100 and host networking.
    it('pms-docker with the unRAID template\'s own PLEX_CLAIM placeholder: no warning, and the reset goes ahead', async () => {
      const plex = await container('plexinc', { env: { PLEX_CLAIM: 'Insert Token from https://plex.tv/claim', PLEX_UID: '99', PLEX_GID: '100' } })
      expect((await d.docker('inspect', '--format', '{{json .Config.Env}}', plex.name)).stdout).toContain('"PLEX_CLAIM=Insert Token from https://plex.tv/claim"')
      const id = (await detect()).find((f) => f.control.container === plex.name)!.id
      const r = await cli('reset', '--server', id, '--yes', '--port', String(plex.port), '--timeout', '20')
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).not.toMatch(/Warning|PLEX_CLAIM/)
      expect(readFileSync(plex.preferences, 'utf8')).toBe(SIGNED_OUT)
    })
  })

  // Issue 25 item 9: `docker stop` waits the container's own StopTimeout before SIGKILL. A server
  // that needs 4 s to save and quit, in a container made with --stop-timeout 8, under a reset
  // whose timeout is 2 s: the stop is waited for instead of being cut off at 2 s.
  it('the container\'s own StopTimeout is waited for: a server needing 4 s to stop is stopped and reset with --timeout 2', async () => {
    const plex = await container('plexinc', { stopTimeout: 8, stopDelayMs: 4000 })
    expect((await d.docker('inspect', '--format', '{{json .Config.StopTimeout}}', plex.name)).stdout.trim()).toBe('8')
    const id = (await detect()).find((f) => f.control.container === plex.name)!.id
    const r = await cli('reset', '--server', id, '--yes', '--port', String(plex.port), '--timeout', '2')
    expect(r.code, r.stderr + r.stdout).toBe(0)
    expect(readFileSync(plex.preferences, 'utf8')).toBe(SIGNED_OUT)
    expect(await running(plex.name)).toBe('true')
  })

  it('a stopped container is found, and the reset edits it and starts it unclaimed', async () => {
    const plex = await container('hotio', { running: false })
    expect(await running(plex.name)).toBe('false')
    expect((await detect()).find((f) => f.control.container === plex.name)).toMatchObject({ installType: 'docker-hotio', account: { username: 'kate' } })
    await resetThroughDocker(plex)
  })
})
