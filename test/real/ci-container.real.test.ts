import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mountUnavailableFor } from './capabilities'
import { dockerUnavailable, IMAGES, LABEL, startDockerd, type Dockerd } from './dockerd'
import { REPO } from './nspawn'

/**
 * The GitHub Actions Linux job's container, as far as a dockerd here can make it (issue 26): the
 * workflow itself cannot run here. ci.yml's container options are read from the file; --privileged
 * cannot be granted inside this machine's sandbox (runc: "unable to apply caps"), so the part of it
 * the real-part tests need stands in: CAP_SYS_ADMIN without seccomp's and AppArmor's mount filters.
 * Shows why the job is privileged and /tmp a tmpfs, and that an unprivileged container is told
 * apart by the check the real-part tests skip on. About 3 s.
 */
const unavailable = dockerUnavailable()
const ci = readFileSync(join(REPO, '.github', 'workflows', 'ci.yml'), 'utf8')
const options = /container:\n\s+image: debian:12\n\s+options: (.+)\n/.exec(ci)?.[1]?.split(' ') ?? []
const MOUNTS_ALLOWED = ['--cap-add', 'SYS_ADMIN', '--security-opt', 'seccomp=unconfined', '--security-opt', 'apparmor=unconfined']

/** Where the real-part tests put overlay upper folders (/tmp) and the container's own root (/var). */
const PROBE = `for d in /tmp /var; do
  mkdir -p $d/o/l $d/o/u $d/o/w $d/o/m
  if mount -t overlay overlay -o lowerdir=$d/o/l,upperdir=$d/o/u,workdir=$d/o/w $d/o/m 2>/dev/null; then echo "overlay upper on $d: mounted"; else echo "overlay upper on $d: refused"; fi
done
printf '#!/bin/sh\\necho runs\\n' > /tmp/x && chmod +x /tmp/x && echo "a program in /tmp $(/tmp/x)"
echo ---; cat /proc/self/status`

describe.skipIf(unavailable !== null)('the CI job\'s container (ci.yml) under a real dockerd', () => {
  let d: Dockerd
  beforeAll(async () => {
    d = await startDockerd()
  }, 600_000)
  afterAll(async () => d?.dispose())

  const probe = async (opts: string[]): Promise<{ lines: string[]; status: string }> => {
    const r = await d.docker('run', '--rm', '--label', LABEL, '--network', 'none', ...opts, IMAGES.plexinc, 'sh', '-c', PROBE)
    expect(r.code, r.stderr).toBe(0)
    const [lines, status] = r.stdout.split('---\n')
    return { lines: lines!.trim().split('\n'), status: status! }
  }

  it('ci.yml runs the job privileged, with /tmp a tmpfs that allows programs', () => {
    expect(options).toEqual(['--privileged', '--tmpfs', '/tmp:exec,mode=1777'])
  })

  it('with the job\'s /tmp and mounts allowed: an overlay\'s upper folder mounts on /tmp, not on the container\'s own root', async () => {
    const r = await probe([...MOUNTS_ALLOWED, ...options.filter((o) => o !== '--privileged')])
    expect(r.lines).toEqual(['overlay upper on /tmp: mounted', 'overlay upper on /var: refused', 'a program in /tmp runs'])
    expect(mountUnavailableFor(r.status)).toBeNull()
  })

  it('an unprivileged container refuses every mount, and the real-part tests\' check says so (they skip)', async () => {
    const r = await probe([])
    expect(r.lines).toEqual(['overlay upper on /tmp: refused', 'overlay upper on /var: refused', 'a program in /tmp runs'])
    expect(mountUnavailableFor(r.status)).toMatch(/without CAP_SYS_ADMIN/)
  })
})
