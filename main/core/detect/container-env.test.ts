import { describe, expect, it } from 'vitest'
import type { ExecResult, Host } from '../host/types'
import { containerEnvFinding, dockerCandidates, dockerUnreachable } from './containers'

/**
 * Issue 25 item 9 and issue 26 (validated answers): what a container's settings mean for a reset,
 * from `docker inspect` answers shaped as the Engine API documents them (ContainerInspect:
 * Config.Image, Config.Env as "NAME=value" strings, Config.Labels, Mounts). The real dockerd
 * runs the same in test/real/docker.real.test.ts.
 */
const ok = (stdout: string): ExecResult => ({ exitCode: 0, stdout, stderr: '', notFound: false, timedOut: false })
const answering = (config: unknown): Host => ({ exec: async () => ok(JSON.stringify(config)) }) as unknown as Host
const finding = (image: string, env: string[], labels: Record<string, string> = {}) => containerEnvFinding(answering({ Image: image, Env: env, Labels: labels }), 'plex')

describe('a container\'s PLEX_CLAIM before a reset', () => {
  it('linuxserver: its init-plex-claim exchanges PLEX_CLAIM on every start while the token is missing; an old token is harmless, the advice is a fresh one', async () => {
    const f = await finding('lscr.io/linuxserver/plex:latest', ['PLEX_CLAIM=claim-oldoldoldold1234'])
    expect(f).toMatchObject({ ok: false, warning: true })
    expect(f!.message).toMatch(/linuxserver.*exchanges PLEX_CLAIM on every start while the server has no token.*old token.*harmless.*recreate the container with a new claim token/s)
    expect(f!.message).not.toMatch(/first run/)
  })

  it('Plex\'s unRAID template placeholder ("Insert Token from https://plex.tv/claim") is no token: no warning', async () => {
    expect(await finding('plexinc/pms-docker:latest', ['PLEX_CLAIM=Insert Token from https://plex.tv/claim'])).toBeNull()
    expect(await finding('plexinc/pms-docker:latest', ['PLEX_CLAIM=<claimToken>'])).toBeNull()
  })

  it('pms-docker with a real-looking token keeps its first-run warning', async () => {
    expect((await finding('plexinc/pms-docker:latest', ['PLEX_CLAIM=claim-abcdefgh12345678']))!.message).toMatch(/has PLEX_CLAIM set; the image uses it only on a container's first run/)
  })

  describe('a Docker Swarm task\'s container: refused, with steps from the service\'s own mode (docker service inspect, Spec.Mode)', () => {
    const LABELS = { 'com.docker.swarm.service.name': 'media_plex', 'com.docker.swarm.task.id': 'x' }
    // Spec.Mode as the Engine API's ServiceSpec documents it; a worker node's refusal as dockerd 20.10 prints it.
    const swarm = (mode: ExecResult) => containerEnvFinding({ exec: async (_: string, args: readonly string[]) => (args[0] === 'service' ? mode : ok(JSON.stringify({ Image: 'plexinc/pms-docker:latest', Env: [], Labels: LABELS }))) } as unknown as Host, 'media_plex.1.x')
    const why = /^Container media_plex\.1\.x belongs to the Docker Swarm service media_plex: Swarm starts a new container whenever this one stops/

    it('replicated: scale to 0, reset the file, scale back to its own replica count', async () => {
      const f = await swarm(ok('{"Replicated":{"Replicas":2}}\n'))
      expect(f).toMatchObject({ ok: false, warning: false })
      expect(f!.message).toMatch(why)
      expect(f!.message).toMatch(/\(docker service scale media_plex=0\), run the reset on its Preferences\.xml with --file PATH --no-service, then scale it up again \(docker service scale media_plex=2\)\.$/)
    })

    it('global (docker service scale refuses it): a constraint no node meets, then removed', async () => {
      const f = await swarm(ok('{"Global":{}}\n'))
      expect(f!.message).toMatch(why)
      expect(f!.message).toMatch(/\(docker service update --detach --constraint-add node\.labels\.plex-reclaim==paused media_plex\), .*--file PATH --no-service, then remove that constraint \(docker service update --constraint-rm node\.labels\.plex-reclaim==paused media_plex\)\.$/)
      expect(f!.message).not.toMatch(/scale media_plex=0\)/)
    })

    it('on a worker node (only a manager answers for a service): refused, steps for a manager node', async () => {
      const f = await swarm({ exitCode: 1, stdout: '', stderr: 'Error response from daemon: This node is not a swarm manager. Worker nodes can\'t be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n', notFound: false, timedOut: false })
      expect(f).toMatchObject({ ok: false, warning: false })
      expect(f!.message).toMatch(why)
      expect(f!.message).toMatch(/On a manager node of the swarm, stop the service's tasks .*--file PATH --no-service, then start them again\.$/)
    })
  })

  it('an answer not of the documented shape is no finding, not a crash (issue 26: validated, not cast)', async () => {
    expect(await containerEnvFinding(answering({ Image: 'plexinc/pms-docker', Env: 'PLEX_CLAIM=claim-abcdefgh12345678' }), 'plex')).toBeNull()
  })
})

describe('docker inspect for detection, validated', () => {
  it('a container whose Mounts is not a list is skipped with the rest still found, not a crash', async () => {
    const good = { Name: '/plex', Config: { Image: 'plexinc/pms-docker' }, Mounts: [{ Source: '/srv/plex', Destination: '/config' }] }
    const bad = { Name: '/odd', Config: { Image: 'plexinc/pms-docker' }, Mounts: { Source: '/x' } }
    const host = { exec: async (_: string, args: readonly string[]) => ok(args[0] === 'ps' ? 'a\nb\n' : JSON.stringify([bad, good])) } as unknown as Host
    expect((await dockerCandidates(host)).map((c) => c.labelDetail)).toEqual([{ kind: 'docker', image: 'plexinc/pms-docker', container: 'plex' }])
  })
})

describe('Kubernetes and containerd marks (k3s; TrueNAS SCALE 24.04 and older run apps on k3s)', () => {
  const host = (marks: string[], docker: 'none' | 'ok'): Host =>
    ({
      exec: async () => (docker === 'none' ? { exitCode: null, stdout: '', stderr: '', notFound: true, timedOut: false } : ok('')),
      which: async (p: string) => (marks.includes(p) ? `/usr/local/bin/${p}` : null),
      lstat: async (p: string) => (marks.includes(p) ? { isDirectory: () => true } : null)
    }) as unknown as Host

  it('k3s found: a clear "not supported", naming what to do instead', async () => {
    expect(await dockerUnreachable(host(['k3s', '/etc/rancher/k3s'], 'none'))).toMatch(/Kubernetes \(k3s; TrueNAS SCALE 24\.04.*not supported.*--file PATH --no-service/s)
    expect(await dockerUnreachable(host(['/var/lib/rancher/k3s'], 'ok'))).toMatch(/Kubernetes \(k3s.*not supported/s)
  })

  it('no marks and a working docker: nothing to say', async () => {
    expect(await dockerUnreachable(host([], 'ok'))).toBeNull()
  })
})

describe('Docker Desktop named volumes', () => {
  it('a Plex container whose /config is a named volume this computer cannot open is said, with what to do', async () => {
    const c = { Name: '/plex', Config: { Image: 'plexinc/pms-docker' }, Mounts: [{ Type: 'volume', Name: 'plex_config', Source: '/var/lib/docker/volumes/plex_config/_data', Destination: '/config' }] }
    const host = {
      exec: async (_: string, args: readonly string[]) => ok(args[0] === 'ps' ? 'a\n' : JSON.stringify([c])),
      which: async () => null,
      lstat: async () => null
    } as unknown as Host
    expect(await dockerUnreachable(host)).toMatch(/Container plex \(plexinc\/pms-docker\) keeps its settings in the Docker volume plex_config, which this computer cannot open.*docker cp "plex:\/config\/Library\/Application Support\/Plex Media Server\/Preferences\.xml"/s)
  })
})
