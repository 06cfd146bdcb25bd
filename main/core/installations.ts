import { dirname, posix } from 'node:path'
import { detectInstallations, type DetectOptions } from './detect/index'
import type { Installation } from './detect/types'
import type { Host } from './host/types'
import { CoreError } from './result'
import { PID_FILE } from './stores/keys'
import { MacDefaultsStore } from './stores/macos-defaults'
import type { SettingsStore, StoreTarget } from './stores/types'
import { WindowsRegistryStore } from './stores/windows-registry'
import { XmlFileStore } from './stores/xml-file'

/** The store object for a target; only main decides which paths, domains and keys those are. */
export function storeFor(host: Host, target: StoreTarget): SettingsStore {
  switch (target.kind) {
    case 'preferences-xml':
      return new XmlFileStore(host, target.path, target.dataDir)
    case 'macos-defaults':
      return new MacDefaultsStore(host, target.user)
    case 'windows-registry':
      if (host.platform !== 'win32') throw new CoreError('UNSUPPORTED_PLATFORM', 'This backup is of a Windows registry key: restore it on the Windows machine it came from.')
      return new WindowsRegistryStore(host, target.key)
  }
}

export const pidFileFor = (target: StoreTarget): string | null =>
  target.kind === 'preferences-xml' ? posix.join(target.dataDir || dirname(target.path), PID_FILE) : null

export async function findInstallation(options: DetectOptions, id: string | undefined): Promise<Installation> {
  const all = await detectInstallations(options)
  if (id) {
    const match = all.find((i) => i.id === id)
    if (!match) throw new CoreError('NOT_FOUND', `No installation with id ${id}. Run "plex-reclaim detect" to list them.`)
    return match
  }
  if (all.length === 1) return all[0]!
  if (all.length === 0) throw new CoreError('NOT_FOUND', 'No Plex Media Server installation was found. Point at its Preferences.xml with --file, or pass --root.')
  throw new CoreError('INVALID_INPUT', `${all.length} installations were found. Choose one with --server ID (run "plex-reclaim detect" to list them).`)
}
