import { readPlistValues } from './plist-values'
import { attributeValue } from './preferences-xml'
import { readRegValues } from './reg-file'
import { ownSnapshot, type SettingsStore, type StoreSnapshot } from './types'
import { isXmlSnapshot } from './xml-file'

/**
 * A few settings' values from a store, read the way the store reads itself (the snapshot a backup
 * would keep), for the diagnosis only: nothing is written. The values may be secrets (the token):
 * the caller uses them and lets them go.
 */
export async function readSettingValues<K extends string>(store: SettingsStore, names: readonly K[]): Promise<Partial<Record<K, string>>> {
  const snapshot: StoreSnapshot = await store.snapshot()
  let get: (name: string) => string | undefined
  switch (store.target.kind) {
    case 'preferences-xml': {
      const doc = ownSnapshot(snapshot, isXmlSnapshot, 'preferences-xml').document
      get = (name) => attributeValue(doc, name)
      break
    }
    case 'macos-defaults': {
      const values = await readPlistValues(snapshot.payload)
      get = (name) => values[name]
      break
    }
    case 'windows-registry': {
      const values = readRegValues(snapshot.payload)
      // Registry value names are not case-sensitive.
      const lower = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]))
      get = (name) => lower.get(name.toLowerCase())
      break
    }
  }
  const out: Partial<Record<K, string>> = {}
  for (const name of names) {
    const value = get(name)
    if (value !== undefined) out[name] = value
  }
  return out
}
