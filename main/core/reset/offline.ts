import type { AccountSummary } from '../account/summary'
import type { BackupManifest, BackupReason } from '../backups/manifest'
import type { BackupStore } from '../backups/store'
import type { Host } from '../host/types'
import { CoreError } from '../result'
import type { SignInKey } from '../stores/keys'
import type { SettingsStore, StoreSnapshot } from '../stores/types'
import { summarizeAccount } from '../account/summary'
import type { XmlSnapshot } from '../stores/xml-file'
import { pidFileNamesLiveProcess } from './server-running'

/** What a backup records about where it came from. */
export interface Provenance {
  readonly platform: string
  readonly installType: string
  readonly appVersion: string
}

export interface OfflineResetOptions {
  readonly host: Host
  readonly store: SettingsStore
  readonly backups: BackupStore
  readonly provenance: Provenance
  readonly pidFile: string | null
  readonly dryRun?: boolean
  readonly force?: boolean
}

export interface ResetOutcome {
  readonly status: 'removed' | 'nothing-to-remove' | 'dry-run'
  readonly removed: readonly SignInKey[]
  readonly account: AccountSummary
  readonly backup: BackupManifest | null
}

async function refuseIfRunning(host: Host, pidFile: string | null, force: boolean | undefined): Promise<void> {
  const pid = await pidFileNamesLiveProcess(host, pidFile)
  if (pid !== null && !force) {
    throw new CoreError(
      'SERVER_RUNNING',
      `Plex Media Server appears to be running (pid ${pid} in ${pidFile}). Stop it first: changes made while it runs are lost. If that pid is not Plex, pass --force.`
    )
  }
}

/**
 * What a restore keeps before it overwrites: the current settings, or, when they are too damaged to
 * read as settings, their raw bytes. null only when there is nothing there at all.
 */
export async function currentState(store: SettingsStore): Promise<StoreSnapshot | null> {
  try {
    return await store.snapshot()
  } catch (error) {
    const raw = await store.readRaw?.()
    if (!raw) {
      if (error instanceof CoreError && error.code === 'NOT_FOUND') return null
      if (store.target.kind === 'preferences-xml') return null
      throw error
    }
    return { payload: raw, fileName: 'Preferences.xml', account: summarizeAccount(() => undefined), keysPresent: [] }
  }
}

/** Backs up the snapshot, reading it back before anything else may happen. */
export async function backUp(backups: BackupStore, store: SettingsStore, snapshot: StoreSnapshot, provenance: Provenance, reason: BackupReason) {
  const info = (snapshot as Partial<XmlSnapshot>).info
  return backups.create(snapshot.payload, {
    reason,
    platform: provenance.platform,
    installType: provenance.installType,
    appVersion: provenance.appVersion,
    target: store.target,
    fileName: snapshot.fileName,
    account: { username: snapshot.account.username, maskedEmail: snapshot.account.maskedEmail },
    keysPresent: snapshot.keysPresent,
    ...(info ? { original: { mode: info.mode, uid: info.uid, gid: info.gid } } : {})
  })
}

/**
 * The reset for a store whose server the user has stopped: snapshot, verified backup, cut the
 * four keys, verify. The order is the guarantee: nothing is written before the backup reads back.
 */
export async function resetStore(options: OfflineResetOptions): Promise<ResetOutcome> {
  const { host, store, backups, provenance } = options
  await refuseIfRunning(host, options.pidFile, options.force)
  const snapshot = await store.snapshot()
  if (snapshot.keysPresent.length === 0) return { status: 'nothing-to-remove', removed: [], account: snapshot.account, backup: null }
  if (options.dryRun) return { status: 'dry-run', removed: snapshot.keysPresent, account: snapshot.account, backup: null }
  const backup = await backUp(backups, store, snapshot, provenance, 'reset')
  const removed = await store.removeSignIn(snapshot)
  await store.verifyRemoved(snapshot)
  return { status: 'removed', removed, account: snapshot.account, backup: backup.manifest }
}

export interface RestoreOutcome {
  readonly restored: BackupManifest
  /** The state just before the restore, backed up first; null when there was nothing to keep. */
  readonly preRestoreBackup: BackupManifest | null
}

/** Puts a verified backup back, after backing up what is there now. */
export async function restoreBackup(options: {
  readonly host: Host
  readonly store: SettingsStore
  readonly backups: BackupStore
  readonly id: string
  readonly provenance: Provenance
  readonly pidFile: string | null
  readonly force?: boolean
}): Promise<RestoreOutcome> {
  const { backup, payload } = await options.backups.readVerified(options.id)
  await refuseIfRunning(options.host, options.pidFile, options.force)
  let pre: BackupManifest | null = null
  const current = await currentState(options.store)
  if (current) pre = (await backUp(options.backups, options.store, current, options.provenance, 'pre-restore')).manifest
  await options.store.restore(payload)
  return { restored: backup.manifest, preRestoreBackup: pre }
}
