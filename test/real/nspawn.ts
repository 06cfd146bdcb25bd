import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { debianRootfs } from './rootfs'
import { mountUnavailable, skipping } from './capabilities'
import { alive, background, must, run, stopAtExit, until, waitExit, type Ran } from './processes'

/** The clone, bind-mounted read-only into the container at this path (out/ holds the built CLI). */
export const REPO = join(import.meta.dirname, '..', '..')
export const REPO_IN_CONTAINER = '/opt/plex-reclaim'
/** The CLI's test entry point: the release CLI plus the hooks a test passes in (plex.tv stand-in, fault injection). */
export const CLI_IN_CONTAINER = `${REPO_IN_CONTAINER}/out/test/cli-test.js`

export interface ExecOptions {
  /** Run as this user of the container (default root). */
  readonly user?: string
  readonly env?: Record<string, string>
  readonly input?: string
  readonly timeoutMs?: number
}

export interface Container {
  /** The container's root filesystem as the host sees it (an overlay on the cached root). */
  readonly root: string
  /** The container's systemd. */
  readonly pid1: number
  /** Runs a program inside (all its namespaces), with a clean environment. */
  exec(args: readonly string[], options?: ExecOptions): Promise<Ran>
  dispose(): Promise<void>
}

/** Why the real-systemd tests cannot run here (said in the test's output), or null when they can. */
export function nspawnUnavailable(): string | null {
  return skipping('the tests that boot systemd in systemd-nspawn', whyNoNspawn())
}

function whyNoNspawn(): string | null {
  if (process.getuid?.() !== 0) return 'needs root (systemd-nspawn, overlay mounts)'
  const mounts = mountUnavailable()
  if (mounts) return mounts
  for (const tool of ['/usr/bin/systemd-nspawn', '/usr/bin/mmdebstrap', '/usr/bin/nsenter']) {
    try {
      realpathSync(tool)
    } catch {
      return `${tool} is missing (apt-get install systemd-container mmdebstrap util-linux)`
    }
  }
  return null
}

/**
 * Boots the cached Debian root filesystem with systemd as PID 1 in systemd-nspawn, on its own
 * network (its loopback cannot clash with the host's), with the host's node and the clone
 * read-only inside. `provision` writes into the root before boot. Flags after real-parts.md:
 * --register=no --keep-unit because the host has no systemd; entered with nsenter, not machinectl.
 */
export async function bootContainer(provision: (root: string) => Promise<void> | void): Promise<Container> {
  const lower = await debianRootfs()
  const work = mkdtempSync(join(tmpdir(), 'plex-reclaim-nspawn-'))
  const root = join(work, 'root')
  for (const d of ['upper', 'work', 'root']) mkdirSync(join(work, d))
  await must('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=${lower},upperdir=${join(work, 'upper')},workdir=${join(work, 'work')}`, root])
  let nspawn: ReturnType<typeof background> | undefined
  let pid1 = 0
  let forgetPid1 = (): void => undefined
  const dispose = async (): Promise<void> => {
    if (pid1) await run('nsenter', ['-t', String(pid1), '-a', 'systemctl', 'poweroff'], { timeoutMs: 10_000 })
    const running = (): boolean => nspawn !== undefined && nspawn.exitCode === null && nspawn.signalCode === null
    await until('the container to power off', async () => (running() ? undefined : true), 15_000).catch(() => undefined)
    // One that would not power off is killed by its pids: its systemd first (while nspawn still
    // holds it, so the pid cannot have been reused), then nspawn.
    if (running() && pid1 && alive(pid1)) process.kill(pid1, 'SIGKILL')
    if (nspawn) await waitExit(nspawn, 5000)
    forgetPid1()
    await run('umount', [root])
    if ((await run('mountpoint', ['-q', root])).code === 0) await run('umount', ['-l', root])
    rmSync(work, { recursive: true, force: true })
  }
  try {
    await provision(root)
    const node = realpathSync(process.execPath)
    nspawn = background(
      'systemd-nspawn',
      ['--quiet', '-b', '-D', root, '--register=no', '--keep-unit', '--private-network', '--console=pipe', `--machine=plexreclaim${process.pid}`, `--bind-ro=${node}:/usr/bin/node`, `--bind-ro=${REPO}:${REPO_IN_CONTAINER}`],
      join(work, 'nspawn.log')
    )
    const nspawnPid = nspawn.pid!
    pid1 = await until('the container\'s systemd', async () => {
      const r = await run('pgrep', ['-P', String(nspawnPid), '-x', 'systemd'])
      return r.code === 0 ? Number(r.stdout.trim().split('\n')[0]) : undefined
    }, 30_000)
    forgetPid1 = stopAtExit(pid1)
    await until('the container to finish booting', async () => {
      const r = await run('nsenter', ['-t', String(pid1), '-a', 'systemctl', 'is-system-running'])
      return ['running', 'degraded'].includes(r.stdout.trim()) ? true : undefined
    }, 60_000, 200)
  } catch (error) {
    await dispose()
    throw error
  }
  const exec = (args: readonly string[], options: ExecOptions = {}): Promise<Ran> => {
    const home = options.user ? `/home/${options.user}` : '/root'
    const env = ['env', '-i', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `HOME=${home}`, 'LANG=C.UTF-8', ...Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`)]
    const as = options.user ? ['setpriv', `--reuid=${options.user}`, `--regid=${options.user}`, '--init-groups', '--'] : []
    return run('nsenter', ['-t', String(pid1), '-a', '--', ...as, ...env, ...args], { input: options.input, timeoutMs: options.timeoutMs ?? 120_000 })
  }
  return { root, pid1, exec, dispose }
}
