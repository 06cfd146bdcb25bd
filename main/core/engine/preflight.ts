import { dirname } from 'node:path'
import { containerEnvFinding } from '../detect/containers'
import type { Host } from '../host/types'
import { CoreError, fromFsError, toErr, type ErrorCode } from '../result'
import { apiFor } from '../server/api'
import { controlCommand } from '../server/commands'
import type { ServerTarget } from '../server/control'
import { describeTarget, type SettingsStore, type StoreSnapshot } from '../stores/types'
import { ownershipKeepable } from '../host/local'

export interface PreflightCheck {
  readonly id: 'store-readable' | 'store-writable' | 'ownership' | 'backup-space' | 'server-control' | 'container-env' | 'server-api' | 'clock' | 'plex-tv'
  readonly ok: boolean
  /** A warning is shown but does not stop the run. */
  readonly warning: boolean
  readonly message: string
  /** The refusal's own code (a wrong clock); others refuse as PREFLIGHT_FAILED. */
  readonly code?: ErrorCode
}

export interface PreflightOptions {
  readonly host: Host
  /** Where the backups go: always this computer, even when the server is reached over SSH. */
  readonly localHost: Host
  readonly store: SettingsStore
  readonly backupDir: string
  readonly server: ServerTarget
  /** --force: go ahead although this user cannot keep the file's owner and group. */
  readonly allowOwnerChange?: boolean
  /** plex.tv, or a stand-in in tests and demo mode; undefined skips the reachability check. */
  readonly plexTvUrl?: string
}

/** A clock before this app was built is certainly wrong, and breaks claiming (support article 203841316). */
const EARLIEST_SANE_CLOCK = Date.UTC(2026, 0, 1)
const LATEST_SANE_CLOCK = Date.UTC(2040, 0, 1)
const CLOCK_TOLERANCE_MS = 10 * 60 * 1000

/**
 * The clock and plex.tv of the server's machine (over SSH too): the claim goes from there. Its
 * clock is compared with plex.tv's Date header, else only checked for sanity.
 */
async function clockAndNetwork(host: Host, url: string | undefined, check: (id: PreflightCheck['id'], ok: boolean, message: string, warning?: boolean, code?: ErrorCode) => void): Promise<void> {
  const net = await host.network(url)
  const here = host.kind === 'local' ? 'this computer' : host.name
  const reach = net.plexTv
  if (reach?.state === 'reached') check('plex-tv', true, `plex.tv can be reached from ${here}`, true)
  else if (reach?.state === 'unreachable') check('plex-tv', false, `plex.tv cannot be reached from ${here} (${reach.detail}). The reset still works; claiming needs the server to reach plex.tv (check the network, a proxy or a VPN).`, true)
  else if (reach?.state === 'cannot-check') check('plex-tv', false, `Whether ${host.name} reaches plex.tv cannot be checked: ${reach.detail}. The reset still works; claiming needs the server to reach plex.tv.`, true)
  const clock = net.clockMs
  if (clock === null) return check('clock', true, `The clock of ${here} could not be read; it is not checked`, true)
  const sane = clock > EARLIEST_SANE_CLOCK && clock < LATEST_SANE_CLOCK
  const plexTvDate = reach?.state === 'reached' ? reach.dateMs : null
  const off = plexTvDate !== null && Math.abs(plexTvDate - clock) > CLOCK_TOLERANCE_MS
  if (sane && !off) return check('clock', true, 'The clock is right')
  const said = `it says ${new Date(clock).toISOString()}${plexTvDate !== null ? `, plex.tv says ${new Date(plexTvDate).toISOString()}` : ''}`
  const whose = host.kind === 'local' ? "This computer's clock" : `The clock of ${host.name}`
  check('clock', false, `${whose} is wrong (${said}). Set its date and time correctly first: a wrong clock stops the server from signing in to plex.tv.`, false, host.kind === 'local' ? 'CLOCK_WRONG' : 'SERVER_CLOCK_WRONG')
}

/**
* Whether the new file can keep its owner and group. Root writes in another user's folder as that
 * user (issue 23 item 1), so there only a file of the folder's owner and group keeps them.
 */
async function keepable(host: Host, target: SettingsStore['target'], own: { uid: number; gid: number }): Promise<boolean> {
  if (!host.actsAsRoot && process.geteuid?.() !== 0) return ownershipKeepable(own.uid, own.gid)
  if (target.kind !== 'preferences-xml') return true
  const folder = await host.lstat(dirname(target.path)).catch(() => null) // the checks below word a missing folder
  return !folder || folder.uid === 0 || (folder.uid === own.uid && folder.gid === own.gid)
}

/**
 * Why the settings cannot be written, in words that fit the cause: a read-only file system or an
 * immutable file is not fixed by sudo, and saying "run it with sudo" to root helps no one.
 */
async function notWritable(host: Host, path: string): Promise<string> {
  const codes = await Promise.all([path, dirname(path)].map((p) => host.writeRefusal?.(p) ?? Promise.resolve(null)))
  const code = codes.find((c) => c !== null && c !== 'EACCES') ?? codes.find((c) => c !== null)
  if (code === 'EROFS') return fromFsError(Object.assign(new Error(code), { code }), path, 'writing').message
  // access(2) answers EPERM for an immutable file before any permission check, for root too.
  if (code === 'EPERM') return `${path} cannot be written, not even by root: the file or its folder is marked immutable (check with lsattr, clear with chattr -i), or a security policy (SELinux, AppArmor) forbids it.`
  return `${path} cannot be written by this user. Run Plex Reclaim as its owner (often "plex") or with sudo.`
}

/** Everything that can be checked before anything changes; the snapshot is reused by the run. */
export async function preflight(options: PreflightOptions): Promise<{ checks: PreflightCheck[]; snapshot: StoreSnapshot | null }> {
  const { host, store, server } = options
  const checks: PreflightCheck[] = []
  const check = (id: PreflightCheck['id'], ok: boolean, message: string, warning = false, code?: ErrorCode): void => void checks.push({ id, ok, warning, message, ...(code ? { code } : {}) })

  let snapshot: StoreSnapshot | null = null
  try {
    snapshot = await store.snapshot()
    check('store-readable', true, 'The settings can be read')
  } catch (error) {
    check('store-readable', false, toErr(error).message)
  }

  if (store.target.kind === 'preferences-xml') {
    const writable = (await host.canWrite(store.target.path)) && (await host.canWrite(dirname(store.target.path)))
    check('store-writable', writable, writable ? 'The settings file and its folder can be written' : await notWritable(host, store.target.path))
  }

  // Decided before anything changes (not at the write, when the server is already stopped).
  const own = snapshot?.ownership
  if (host.kind === 'local' && own && !(await keepable(host, store.target, own))) {
    const asRoot = host.actsAsRoot || process.geteuid?.() === 0
    const fix = asRoot
      ? 'Its folder belongs to another user, and root changes nothing there except as that user (a link that user swaps in could lead root anywhere). Give the file its folder\'s owner and group (chown), or pass --force to write it as the folder\'s owner.'
      : 'Run Plex Reclaim as root (sudo) or as the file\'s owner in its group, or pass --force to write it anyway.'
    check('ownership', false, `${describeTarget(store.target)} belongs to ${own.uid}:${own.gid}; ${asRoot ? 'it' : 'this user'} cannot keep its owner and group, and the server could lose access to it. ${fix}`, options.allowOwnerChange === true)
  }

  const local = options.localHost
  await local.mkdir(options.backupDir, 0o700).catch(() => undefined) // exists, or cannot be made: the writability check next says which
  const free = await local.freeBytes(options.backupDir)
  const needed = (snapshot?.payload.length ?? 0) * 4 + 1024 * 1024
  const backupOk = (await local.canWrite(options.backupDir)) && (free === null || free >= needed)
  check('backup-space', backupOk, backupOk ? 'The backup folder is writable with room to spare' : `The backup folder ${options.backupDir} is not writable or has less than ${Math.ceil(needed / 1024)} KB free. Free some space or choose another folder (--backup-dir).`)

  const command = controlCommand(server.control, 'stop')
  if (!command) check('server-control', true, 'You will be asked to stop and start the server yourself', true)
  else {
    const found = (await host.which(command.program)) !== null
    check('server-control', found, found ? `The server is controlled with ${command.program}` : `"${command.program}" is not available here, so the server cannot be stopped. Stop it yourself and use reset --no-service.`)
  }
  // A stop without a start would leave the server stopped (issue 25 item 4: a Windows tray
  // install whose Plex Media Server.exe was not found).
  if (command && !controlCommand(server.control, 'start')) {
    check('server-control', false, 'Plex Reclaim could stop the server, but no Plex Media Server.exe was found to start it again (no InstallFolder in the registry, none in Program Files), so it would be left stopped. Quit Plex Media Server yourself, run the reset with --no-service, then start it from the Start menu.')
  }

  if (server.control.kind === 'docker') {
    const finding = await containerEnvFinding(host, server.control.container)
    if (finding) check('container-env', finding.ok, finding.message, finding.warning)
  }
  // Without a way to its API the start could not be checked: refused before anything changes
  // (a container without curl or a route; a VNET jail, issue 25 item 5).
  const unreachable = await apiFor(host, server).unreachable?.()
  if (unreachable) check('server-api', false, unreachable)

  await clockAndNetwork(host, options.plexTvUrl, check)
  return { checks, snapshot }
}

export function assertPreflight(checks: readonly PreflightCheck[]): void {
  const failed = checks.filter((c) => !c.ok && !c.warning)
  if (failed.length === 0) return
  const code = failed.find((c) => c.code)?.code ?? 'PREFLIGHT_FAILED'
  throw new CoreError(code, `Nothing was changed: ${failed.map((c) => c.message).join(' ')}`)
}
