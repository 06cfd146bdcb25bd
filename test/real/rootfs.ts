import { cachedDir, keyOf } from './cache'
import { must } from './processes'

/**
 * One small Debian root filesystem serves both real parts: booted with systemd-nspawn (systemd as
 * PID 1, polkit, pkexec) and imported as the Docker image. libstdc++6 lets the host's node run
 * inside when bind-mounted; curl is what the real images carry (pms-docker's healthcheck, the
 * claim scripts). Debian's packages are the only ones reachable here (real-parts.md).
 */
const RECIPE = {
  suite: 'bookworm',
  variant: 'minbase',
  include: ['systemd', 'systemd-sysv', 'dbus', 'libstdc++6', 'polkitd', 'pkexec', 'sudo', 'procps', 'curl'],
  // The accounts a Linux package has (plex) and a desktop user (kate, uid 1000).
  hooks: ['chroot "$1" useradd --system --user-group --home-dir /var/lib/plexmediaserver --shell /usr/sbin/nologin plex', 'chroot "$1" useradd --uid 1000 --user-group --create-home kate']
}

export const ROOTFS_KEY = keyOf(RECIPE)

/** The cached root filesystem (built once, about 20 s and 230 MB); never booted directly. */
export function debianRootfs(): Promise<string> {
  return cachedDir(`rootfs-${RECIPE.suite}-${ROOTFS_KEY}`, async (dir) => {
    const hooks = RECIPE.hooks.flatMap((h) => ['--customize-hook', h])
    await must('mmdebstrap', ['--quiet', `--variant=${RECIPE.variant}`, `--include=${RECIPE.include.join(',')}`, ...hooks, RECIPE.suite, dir], { timeoutMs: 600_000 })
  })
}
