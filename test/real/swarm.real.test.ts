import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_CLI as CLI } from '../support/linux-server'
import { SIGNED_IN, SIGNED_OUT, tempDir } from '../support/temp'
import { skipping } from './capabilities'
import { dockerUnavailable, IMAGES, LABEL, startDockerd, type Dockerd } from './dockerd'
import { hostInterfaces, hostIpForward, netns, netnsUnavailable, type NetNs } from './netns'
import { REPO } from './nspawn'
import { run, until } from './processes'

/**
 * Plex as a Docker Swarm service under a real dockerd (issue 25 item 9). `docker swarm init`
 * creates the docker_gwbridge bridge and the ingress sandbox, so the daemon runs in a network
 * namespace of its own (test/real/netns.ts) and the host's network is checked unchanged at the
 * end. The CLI runs on the host; the Docker socket is a file, reachable from any namespace.
 * What is checked is what docs/platforms.md claims: a task's container is recognised and refused
 * before anything changes; Swarm does replace a stopped task's container (the reason); and the
 * commands the refusal names, run as printed, do the reset.
 */
const unavailable = dockerUnavailable() ?? skipping('the Docker Swarm tests', netnsUnavailable())
const ASD = 'Library/Application Support/Plex Media Server'
const OUT = '/opt/plex-reclaim/out/node'
// The server and a plex.tv stand-in both inside the task: nothing on the host reaches into the
// namespace. Each service has its own ports: all share the namespace's network (--network host).
const script = (port: number) => `node ${OUT}/plex-tv-simulator.js --port ${port + 1} & exec node ${OUT}/pms-simulator.js --data-dir '/config/${ASD}' --port ${port} --plex-tv http://127.0.0.1:${port + 1} --stop-delay-ms 200`
let nextPort = 32400

describe.skipIf(unavailable !== null)('Plex as a Docker Swarm service under a real dockerd in its own network namespace', () => {
  let ns: NetNs
  let d: Dockerd
  let interfacesBefore: string
  let forwardBefore: string
  const work = tempDir('plex-swarm')
  const backups = join(work, 'backups')

  beforeAll(async () => {
    interfacesBefore = await hostInterfaces()
    forwardBefore = hostIpForward()
    ns = await netns('plex-reclaim-swarm')
    try {
      d = await startDockerd({ netns: ns })
      const init = await d.docker('swarm', 'init', '--advertise-addr', '127.0.0.1') // the namespace has only its loopback
      expect(init.code, init.stderr).toBe(0)
    } catch (error) {
      await d?.dispose()
      await ns.dispose()
      throw error
    }
  })
  afterAll(async () => {
    await d?.dispose()
    await ns?.dispose()
    // The daemon's networks went with the namespace: the host's are as they were.
    expect(await hostInterfaces()).toBe(interfacesBefore)
    expect(hostIpForward()).toBe(forwardBefore)
  })

  const cli = (...args: string[]) => run(process.execPath, [CLI, ...args, '--backup-dir', backups], { env: d.env })
  const tasks = async (service: string): Promise<string[]> =>
    (await d.docker('ps', '-q', '--no-trunc', '--filter', `label=com.docker.swarm.service.name=${service}`, '--filter', 'status=running')).stdout.split(/\s+/).filter(Boolean)
  const nameOf = async (id: string): Promise<string> => (await d.docker('inspect', '--format', '{{.Name}}', id)).stdout.trim().replace(/^\//, '')
  const ports = new Map<string, number>()
  const portOf = async (id: string): Promise<number> => ports.get((await d.docker('inspect', '--format', '{{index .Config.Labels "com.docker.swarm.service.name"}}', id)).stdout.trim()) ?? 0
  const identity = async (id: string): Promise<string> => (await d.docker('exec', id, 'curl', '-s', `http://127.0.0.1:${await portOf(id)}/identity`)).stdout
  /** The one running task's container once its server answers (a new one when `not` is given). */
  const runningTask = (service: string, not?: string) =>
    until(`a running task of ${service}`, async () => {
      const [id, ...more] = await tasks(service)
      if (!id || more.length || id === not) return undefined
      return (await identity(id)).includes('<MediaContainer') ? id : undefined
    }, 60_000, 250)

  /** A service (replicated, Swarm's default: one replica; or global: one task per node) of the pms-docker image, its /config from the host. */
  async function service(name: string, mode: 'replicated' | 'global' = 'replicated'): Promise<{ preferences: string; task: string }> {
    const config = join(work, name)
    mkdirSync(join(config, ASD), { recursive: true })
    const preferences = join(config, ASD, 'Preferences.xml')
    writeFileSync(preferences, SIGNED_IN)
    const port = nextPort
    nextPort += 2
    ports.set(name, port)
    const bind = (src: string, dst: string, ro = false) => ['--mount', `type=bind,src=${src},dst=${dst}${ro ? ',readonly' : ''}`]
    // --no-resolve-image: no registry can be reached to pin the local image's digest.
    const r = await d.docker('service', 'create', '--detach', '--name', name, '--mode', mode, '--no-resolve-image', '--network', 'host', '--container-label', LABEL, ...bind(config, '/config'), ...bind('/usr/bin/node', '/usr/bin/node', true), ...bind(join(REPO, 'out'), '/opt/plex-reclaim/out', true), IMAGES.plexinc, 'sh', '-c', script(port))
    expect(r.code, r.stderr).toBe(0)
    const task = await runningTask(name)
    expect(await identity(task)).toMatch(/claimed="1"/)
    return { preferences, task }
  }

  async function detected(preferences: string): Promise<{ id: string; container: string }> {
    const r = await cli('detect', '--json')
    expect(r.stderr).toBe('')
    const found = (JSON.parse(r.stdout) as Array<{ id: string; store: { path?: string }; control: { container?: string } }>).filter((f) => f.store.path === preferences)
    expect(found).toHaveLength(1)
    return { id: found[0]!.id, container: found[0]!.control.container ?? '' }
  }

  it('a task\'s container is detected, and the reset is refused before anything changes, naming the service', async () => {
    const { preferences, task } = await service('media_plex')
    const found = await detected(preferences)
    expect(found.container).toBe(await nameOf(task))
    expect(found.container).toMatch(/^media_plex\.1\./) // Swarm's own name: SERVICE.SLOT.TASKID
    const r = await cli('reset', '--server', found.id, '--yes', '--timeout', '20')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`Container ${found.container} belongs to the Docker Swarm service media_plex: Swarm starts a new container whenever this one stops`)
    expect(readFileSync(preferences, 'utf8')).toBe(SIGNED_IN)
    expect(await tasks('media_plex')).toEqual([task]) // the same container, never stopped
  })

  it('the reason holds: Swarm replaces a task\'s container that docker stop stopped, with the server signed in again', async () => {
    const { preferences, task } = await service('swarm_restart')
    expect((await d.docker('stop', task)).code).toBe(0)
    const next = await runningTask('swarm_restart', task)
    expect(next).not.toBe(task)
    expect(await identity(next)).toMatch(/claimed="1"/)
    // Detection names the running replacement, not the stopped container left in the task history.
    expect((await detected(preferences)).container).toBe(await nameOf(next))
  })

  /**
   * The refusal's own commands, run as printed: those before the reset leave no task running,
   * the reset of the file alone succeeds, those after bring the server back, unclaimed.
   */
  async function followTheRefusal(name: string, mode: 'replicated' | 'global'): Promise<string[][]> {
    const { preferences } = await service(name, mode)
    const refusal = (await cli('reset', '--server', (await detected(preferences)).id, '--yes', '--timeout', '20')).stderr
    expect(refusal).toContain('--file PATH --no-service')
    const commands = [...refusal.matchAll(/\((docker service [^)]+)\)/g)].map((m) => m[1]!.split(' '))
    expect(commands).toHaveLength(2)
    const down = await d.docker(...commands[0]!.slice(1))
    expect(down.code, down.stderr).toBe(0)
    await until(`no task of ${name} running`, async () => ((await tasks(name)).length === 0 ? true : undefined), 30_000, 250)
    const reset = await cli('reset', '--file', preferences, '--no-service', '--yes')
    expect(reset.code, reset.stderr).toBe(0)
    expect(readFileSync(preferences, 'utf8')).toBe(SIGNED_OUT)
    const up = await d.docker(...commands[1]!.slice(1))
    expect(up.code, up.stderr).toBe(0)
    expect(await identity(await runningTask(name))).toMatch(/claimed="0"/)
    return commands
  }

  it('a replicated service: the refusal\'s commands (scale to 0, then back to its replicas), run as printed, reset the server', async () => {
    expect(await followTheRefusal('plex_steps', 'replicated')).toEqual([['docker', 'service', 'scale', 'plex_steps=0'], ['docker', 'service', 'scale', 'plex_steps=1']])
  })

  it('a global service (docker service scale refuses those): the refusal\'s commands, run as printed, reset the server', async () => {
    await followTheRefusal('plex_global', 'global')
  })
})
