import { describe, expect, it } from 'vitest'
import type { ExecResult, Host } from '../host/types'
import { k3sFound } from './k3s'

/**
 * `k3s ctr` answers as containerd's ctr printed them (Debian's containerd 1.6.20, measured in
 * test/real/containerd.real.test.ts): the list's columns, and `containers info` JSON with the
 * kubelet's labels and the OCI spec's mounts.
 */
const ok = (stdout: string): ExecResult => ({ exitCode: 0, stdout, stderr: '', notFound: false, timedOut: false })
const LIST = 'CONTAINER    IMAGE                                  RUNTIME                  \n' +
  'a1    docker.io/plexinc/pms-docker:latest    io.containerd.runc.v2    \n' +
  'a0    docker.io/plexinc/pms-docker:latest    io.containerd.runc.v2    \n' +
  'b2    docker.io/rancher/mirrored-pause:3.6    io.containerd.runc.v2    \n'
const info = (id: string) => JSON.stringify({
  ID: id,
  Labels: { 'io.kubernetes.pod.namespace': 'ix-plex', 'io.kubernetes.pod.name': 'plex-5f7c9d-x2k4q' },
  Image: 'docker.io/plexinc/pms-docker:latest',
  Spec: { ociVersion: '1.0.2-dev', mounts: [{ destination: '/proc', type: 'proc', source: 'proc' }, { destination: '/config', type: 'bind', source: '/mnt/tank/ix-applications/releases/plex/volumes/ix_volumes/config', options: ['rbind', 'rw'] }] }
})
const host = (ctr: (args: readonly string[]) => ExecResult) =>
  ({
    exec: async (program: string, args: readonly string[]) => (program === 'k3s' ? ctr(args) : { exitCode: null, stdout: '', stderr: '', notFound: true, timedOut: false }),
    which: async (p: string) => (p === 'k3s' ? '/usr/local/bin/k3s' : null),
    lstat: async () => null
  }) as unknown as Host

describe('Plex in k3s\'s containerd, through k3s ctr', () => {
  it('each Plex container is named with its pod, namespace and settings file (one line per file, the pause container ignored)', async () => {
    const asked: string[][] = []
    const said = await k3sFound(host((args) => (asked.push([...args]), args.includes('list') ? ok(LIST) : ok(info(args[args.length - 1]!)))))
    const file = '/mnt/tank/ix-applications/releases/plex/volumes/ix_volumes/config/Library/Application Support/Plex Media Server/Preferences.xml'
    expect(said).toContain(`Plex Media Server (plexinc/pms-docker) runs in pod plex-5f7c9d-x2k4q of namespace ix-plex; its settings are ${file}.`)
    expect(said).toContain(`run plex-reclaim reset --file "${file}" --no-service`)
    expect(said!.split('runs in pod')).toHaveLength(2)
    expect(asked.map((a) => a.join(' '))).toEqual(['ctr --namespace k8s.io containers list', 'ctr --namespace k8s.io containers info a1', 'ctr --namespace k8s.io containers info a0'])
  })

  it('ctr refused (not root: the socket is root\'s): the general "not supported" line, not an error', async () => {
    const said = await k3sFound(host(() => ({ exitCode: 1, stdout: '', stderr: 'ctr: failed to dial "/run/k3s/containerd/containerd.sock": connection error: desc = "transport: error while dialing: dial unix /run/k3s/containerd/containerd.sock: connect: permission denied"\n', notFound: false, timedOut: false })))
    expect(said).toMatch(/not supported for a stop and start.*Stop the Plex app yourself \(scale it to 0\), then run the reset on its config folder with --file PATH --no-service/s)
  })
})
