import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_CLI as CLI, freePort } from '../support/linux-server'
import { SIGNED_IN, SIGNED_OUT, tempDir } from '../support/temp'
import { containerdUnavailable, importImage, startContainerd, type Containerd } from './containerd'
import { REPO } from './nspawn'
import { run, until } from './processes'

/**
 * Plex under k3s (issue 25 item 9), as far as containerd shows it: a real containerd (Debian's
 * 1.6.20) holds, in its namespace k8s.io, a running pms-docker container with the kubelet's pod
 * labels and its /config bind-mounted from the host, as k3s's containerd does for a pod. `k3s` on
 * PATH is only `k3s ctr`, which docs.k3s.io documents as containerd's own ctr: here the real ctr,
 * pointed at this containerd's socket. Docker sees none of it.
 */
const unavailable = containerdUnavailable()
const ASD = 'Library/Application Support/Plex Media Server'
const IMAGE = 'docker.io/plexinc/pms-docker:latest'

describe.skipIf(unavailable !== null)('Plex in Kubernetes\' containerd (k3s), under a real containerd', () => {
  let c: Containerd
  const work = tempDir('plex-k3s')
  const bin = join(work, 'bin')
  const config = join(work, 'ix-applications', 'plex', 'config')
  const preferences = join(config, ASD, 'Preferences.xml')

  beforeAll(async () => {
    c = await startContainerd()
    try {
      await importImage(c, IMAGE)
      mkdirSync(bin, { recursive: true })
      writeFileSync(join(bin, 'k3s'), `#!/bin/sh\n[ "$1" = ctr ] || exit 1\nshift\nexec ctr --address '${c.socket}' "$@"\n`)
      chmodSync(join(bin, 'k3s'), 0o755)
      mkdirSync(join(config, ASD), { recursive: true })
      writeFileSync(preferences, SIGNED_IN)
      const port = await freePort()
      const labels = ['io.kubernetes.pod.namespace=ix-plex', 'io.kubernetes.pod.name=plex-5f7c9d-x2k4q', 'io.kubernetes.container.name=plex'].flatMap((l) => ['--label', l])
      const mounts = [`src=${config},dst=/config,options=rbind:rw`, 'src=/usr/bin/node,dst=/usr/bin/node,options=rbind:ro', `src=${join(REPO, 'out')},dst=/opt/plex-reclaim/out,options=rbind:ro`].flatMap((m) => ['--mount', `type=bind,${m}`])
      const r = await c.ctr('run', '--detach', '--net-host', ...labels, ...mounts, IMAGE, 'plex-ctr-1', 'node', '/opt/plex-reclaim/out/node/pms-simulator.js', '--data-dir', `/config/${ASD}`, '--port', String(port), '--plex-tv', 'http://127.0.0.1:9', '--stop-delay-ms', '200')
      expect(r.code, r.stderr).toBe(0)
      await until('the server in containerd', async () => ((await fetch(`http://127.0.0.1:${port}/identity`).catch(() => null))?.status === 200 ? true : undefined), 30_000)
    } catch (error) {
      await c.dispose()
      throw error
    }
  })
  afterAll(async () => {
    await c?.dispose()
  })

  const cli = (...args: string[]) => run(process.execPath, [CLI, ...args, '--backup-dir', join(work, 'backups')], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, DOCKER_HOST: `unix://${join(work, 'no-docker.sock')}` } })

  it('detect names the pod and the settings file it found in containerd, says a stop is not supported, and the file route it names works', async () => {
    const r = await cli('detect')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('This machine runs Kubernetes (k3s; TrueNAS SCALE 24.04 and older run their apps this way).')
    expect(r.stdout).toContain(`Plex Media Server (plexinc/pms-docker) runs in pod plex-5f7c9d-x2k4q of namespace ix-plex; its settings are ${preferences}.`)
    const route = /run plex-reclaim reset --file "([^"]+)" --no-service/.exec(r.stdout)
    expect(route?.[1]).toBe(preferences)
    // The user stops the app first (here: its container's task), then runs the named route.
    expect((await c.ctr('tasks', 'kill', '--signal', 'SIGTERM', 'plex-ctr-1')).code).toBe(0)
    await until('the task stopped', async () => ((await c.ctr('tasks', 'list')).stdout.match(/plex-ctr-1\s+\d+\s+STOPPED/) ? true : undefined), 20_000)
    const reset = await cli('reset', '--file', route![1]!, '--no-service', '--yes')
    expect(reset.code, reset.stderr).toBe(0)
    expect(readFileSync(preferences, 'utf8')).toBe(SIGNED_OUT)
  })
})
