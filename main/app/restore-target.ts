import { posix } from 'node:path'
import type { BackupManifest } from '../core/backups/manifest'
import { idFor } from '../core/detect/index'
import type { Installation } from '../core/detect/types'
import { describeHost, sameHost } from '../core/host/host-ref'
import { CoreError } from '../core/result'
import { PID_FILE, PREFERENCES_FILE } from '../core/stores/keys'
import { describeTarget } from '../core/stores/types'
import type { HostEntry } from './hosts'
import { sameStore, type Installations, type Known } from './installations'

const refuse = (why: string): CoreError => new CoreError('RESTORE_TARGET_REFUSED', `Backup refused: ${why}. Nothing was changed.`)

/** PMS creates these beside Preferences.xml: a folder holding one is a Plex data folder. */
const DATA_FOLDER_MARKS = ['Plug-in Support', 'Metadata', 'Media', 'Cache', 'Logs']

/**
 * Where a backup may be put back: only on its own host, and only into a store the tool itself
 * detects now with the same kind and location; with --no-service also a Preferences.xml that is
 * gone, if its data folder is a real Plex data folder owned by the recorded owner. A manifest is
 * never trusted to name a path to write.
 */
export async function restoreTarget(manifest: BackupManifest, entry: HostEntry, installations: Installations, allowFolder: boolean): Promise<Known> {
  if (!sameHost(manifest.host, entry.host.ref)) {
    throw new CoreError('WRONG_HOST', `Backup ${manifest.id} was taken on ${describeHost(manifest.host)}, not on ${entry.host.name}. Connect to that machine to restore it; nothing was changed.`)
  }
  const detected = await installations.detect(entry)
  const match = detected.find((k) => sameStore(k.installation.store, manifest.target))
  if (match) return match
  const target = manifest.target
  if (!allowFolder || target.kind !== 'preferences-xml') {
    throw new CoreError('NOT_FOUND', `The server this backup belongs to (${describeTarget(target)}) was not found on ${entry.host.name}. If it is stopped and its settings are elsewhere, stop it yourself and run: plex-reclaim restore ${manifest.id} --no-service --yes`)
  }
  if (posix.basename(target.path) !== PREFERENCES_FILE || posix.dirname(target.path) !== target.dataDir || target.path.includes('/../')) {
    throw refuse(`${target.path} is not a Preferences.xml in its data folder`)
  }
  const { host } = entry
  const names = async (): Promise<string[]> => host.readdir(target.dataDir).catch(() => [] as string[]) // unreadable folder: no Plex marks seen
  const plexFolder = async (): Promise<boolean> => (await names()).some((n) => DATA_FOLDER_MARKS.includes(n))
  const file = await host.lstat(target.path).catch(() => null) // absent: the checks below decide whether it may be created
  if (file) {
    // The file is there: it must read as a Preferences.xml; a damaged one only in a real Plex data folder.
    const k = await installations.inspect(target.path, entry).catch(() => null)
    if (!k || !sameStore(k.installation.store, target)) throw refuse(`${target.path} is not a settings file Plex Reclaim accepts`)
    const damaged = k.installation.readError
    if (damaged && (damaged.code === 'SYMLINK_OUTSIDE_DATA_DIR' || !(await plexFolder()))) throw refuse(`${target.path} is not a settings file Plex Reclaim accepts (${damaged.message})`)
    return k
  }
  // Gone: its folder must be a real Plex data folder (not a link), owned as when the backup was taken.
  const dir = await host.lstat(target.dataDir).catch(() => null)
  if (!dir || !dir.isDirectory || dir.isSymbolicLink) throw refuse(`its data folder ${target.dataDir} is not there (or is a link)`)
  if (manifest.original && dir.uid !== manifest.original.uid) throw refuse(`${target.dataDir} is owned by user ${dir.uid}, not by ${manifest.original.uid} as when the backup was taken`)
  if (!(await plexFolder())) throw refuse(`${target.dataDir} does not look like a Plex Media Server data folder`)
  const installation: Installation = {
    id: idFor(host.ref, target),
    host: host.ref,
    platform: 'linux',
    installType: 'folder',
    label: `Plex Media Server settings in ${target.dataDir}`,
    labelDetail: { kind: 'settings-in', folder: target.dataDir },
    store: target,
    dataDir: target.dataDir,
    pidFile: posix.join(target.dataDir, PID_FILE),
    control: { kind: 'manual', hint: 'Stop the server that uses this folder, then continue.' },
    account: null,
    readError: null
  }
  return { installation, entry, file: target.path }
}
