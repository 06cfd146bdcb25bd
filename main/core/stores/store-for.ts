import type { Host } from '../host/types'
import { CoreError } from '../result'
import { MacDefaultsStore } from './macos-defaults'
import type { SettingsStore, StoreTarget } from './types'
import { WindowsRegistryStore } from './windows-registry'
import { XmlFileStore } from './xml-file'

/** The store object for a target; only main decides which paths, domains and keys those are. */
export function storeFor(host: Host, target: StoreTarget, options: { allowOwnerChange?: boolean } = {}): SettingsStore {
  switch (target.kind) {
    case 'preferences-xml':
      return new XmlFileStore(host, target.path, target.dataDir, { allowOwnerChange: options.allowOwnerChange })
    case 'macos-defaults':
      return new MacDefaultsStore(host, target.user)
    case 'windows-registry':
      if (host.platform !== 'win32') throw new CoreError('UNSUPPORTED_PLATFORM', 'This backup is of a Windows registry key: restore it on the Windows machine it came from.')
      return new WindowsRegistryStore(host, target.key)
  }
}
