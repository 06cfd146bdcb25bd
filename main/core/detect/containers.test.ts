import { describe, expect, it } from 'vitest'
import type { ExecResult, Host } from '../host/types'
import { dockerCandidates } from './containers'

/**
 * Answers `docker ps -aq` and `docker inspect` with the fields detection reads (Docker Engine API,
 * ContainerInspect: Name with its leading slash, Config.Image, Mounts[].Source and Destination),
 * as diagnose.test.ts does; the real CLI and dockerd are in test/real/docker.real.test.ts.
 */
function dockerAnswering(inspect: unknown[]): Host {
  const ok = (stdout: string): ExecResult => ({ exitCode: 0, stdout, stderr: '', notFound: false, timedOut: false })
  return {
    exec: async (program: string, args: readonly string[]) => {
      expect(program).toBe('docker')
      return args[0] === 'ps' ? ok('abc123\n') : ok(JSON.stringify(inspect))
    }
  } as unknown as Host
}

describe('Docker containers', () => {
  it('describe their image and container name without words, beside the English label', async () => {
    const host = dockerAnswering([{ Name: '/plex-main', Config: { Image: 'lscr.io/linuxserver/plex:latest' }, Mounts: [{ Source: '/srv/plex', Destination: '/config' }] }])
    const [found] = await dockerCandidates(host)
    expect(found).toMatchObject({
      installType: 'docker-linuxserver',
      label: 'Plex Media Server (Docker linuxserver/plex, container plex-main)',
      labelDetail: { kind: 'docker', image: 'linuxserver/plex', container: 'plex-main' },
      dataDir: '/srv/plex/Library/Application Support/Plex Media Server'
    })
  })
})
