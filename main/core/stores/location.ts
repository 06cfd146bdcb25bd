import type { StoreTarget } from './types'

/**
 * Where a settings store lives, as one string: its path, its defaults domain and user, or its
 * registry key. With the host, it is the settings' identity (installation ids and run locks).
 */
export const settingsLocation = (store: StoreTarget): string =>
  store.kind === 'preferences-xml' ? store.path : store.kind === 'macos-defaults' ? `${store.domain}@${store.user ?? ''}` : store.key
