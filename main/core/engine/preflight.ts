import { dirname } from 'node:path'
import type { Host } from '../host/types'
import { CoreError, toErr } from '../result'
import { controlCommand } from '../server/commands'
import type { ServerTarget } from '../server/control'
import { describeTarget, type SettingsStore, type StoreSnapshot } from '../stores/types'
import { ownershipKeepable } from '../host/local'

export interface PreflightCheck {
  readonly id: 'store-readable' | 'store-writable' | 'ownership' | 'backup-space' | 'server-control' | 'clock' | 'plex-tv'
  readonly ok: boolean
  /** A warning is shown but does not stop the run. */
  readonly warning: boolean
  readonly message: string
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
  readonly now?: Date
}

/** A clock before this app was built is certainly wrong, and breaks claiming (support article 203841316). */
const EARLIEST_SANE_CLOCK = Date.UTC(2026, 0, 1)
const LATEST_SANE_CLOCK = Date.UTC(2040, 0, 1)

async function reachable(url: string): Promise<{ ok: boolean; date: number | null }> {
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(3000) })
    const date = res.headers.get('date')
    return { ok: true, date: date ? Date.parse(date) : null }
  } catch {
    return { ok: false, date: null }
  }
}

/** Everything that can be checked before anything changes; the snapshot is reused by the run. */
export async function preflight(options: PreflightOptions): Promise<{ checks: PreflightCheck[]; snapshot: StoreSnapshot | null }> {
  const { host, store, server } = options
  const checks: PreflightCheck[] = []
  const check = (id: PreflightCheck['id'], ok: boolean, message: string, warning = false): void => void checks.push({ id, ok, warning, message })

  let snapshot: StoreSnapshot | null = null
  try {
    snapshot = await store.snapshot()
    check('store-readable', true, 'The settings can be read')
  } catch (error) {
    check('store-readable', false, toErr(error).message)
  }

  if (store.target.kind === 'preferences-xml') {
    const writable = (await host.canWrite(store.target.path)) && (await host.canWrite(dirname(store.target.path)))
    check('store-writable', writable, writable ? 'The settings file and its folder can be written' : `${store.target.path} cannot be written by this user. Run Plex Reclaim as its owner (often "plex") or with sudo.`)
  }

  // Decided before anything changes (not at the write, when the server is already stopped).
  const own = snapshot?.ownership
  if (host.kind === 'local' && own && !ownershipKeepable(own.uid, own.gid)) {
    const fix = 'Run Plex Reclaim as root (sudo) or as the file\'s owner in its group, or pass --force to write it anyway.'
    check('ownership', false, `${describeTarget(store.target)} belongs to ${own.uid}:${own.gid}; this user cannot keep its owner and group, and the server could lose access to it. ${fix}`, options.allowOwnerChange === true)
  }

  const local = options.localHost
  await local.mkdir(options.backupDir, 0o700).catch(() => undefined)
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

  const now = (options.now ?? new Date()).getTime()
  let clockOk = now > EARLIEST_SANE_CLOCK && now < LATEST_SANE_CLOCK
  if (options.plexTvUrl) {
    const answer = await reachable(options.plexTvUrl)
    check('plex-tv', answer.ok, answer.ok ? 'plex.tv can be reached' : 'plex.tv cannot be reached from this computer. The reset still works; claiming needs the server to reach plex.tv (check the network, a proxy or a VPN).', true)
    if (answer.date !== null && Math.abs(answer.date - now) > 10 * 60 * 1000) clockOk = false
  }
  check('clock', clockOk, clockOk ? 'The clock is right' : `This computer's clock is wrong (${new Date(now).toISOString()}). Set the date and time correctly first: a wrong clock stops the server from signing in to plex.tv.`)
  return { checks, snapshot }
}

export function assertPreflight(checks: readonly PreflightCheck[]): void {
  const failed = checks.filter((c) => !c.ok && !c.warning)
  if (failed.length === 0) return
  const code = failed.some((c) => c.id === 'clock') ? 'CLOCK_WRONG' : 'PREFLIGHT_FAILED'
  throw new CoreError(code, `Nothing was changed: ${failed.map((c) => c.message).join(' ')}`)
}
