import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { RegistryClient, RegistryKeyListing } from '../../main/core/detect/registry'

/**
 * Stand-in for the regedit package on the same JSON registry as the reg.exe stand-in. Shapes
 * follow regedit's README and regedit.d.ts: list() answers every key asked for with
 * { exists, keys, values: { name: { type, value } } } (exists: false rather than an error, since
 * regedit 5); deleteValue takes "KEY\\Name" paths.
 */
const ROOTS: Record<string, string> = { HKCU: 'HKEY_CURRENT_USER', HKU: 'HKEY_USERS', HKLM: 'HKEY_LOCAL_MACHINE' }
const full = (key: string): string => key.replace(/^(HKCU|HKU|HKLM)(?=\\|$)/i, (r) => ROOTS[r.toUpperCase()]!)

export function standInRegistryClient(file: string): RegistryClient {
  const load = (): Record<string, Record<string, { type: string; value: unknown }>> => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {})
  return {
    async list(keys) {
      const registry = load()
      const out: Record<string, RegistryKeyListing> = {}
      for (const key of keys) {
        const name = full(key)
        const values = registry[name]
        const children = [...new Set(Object.keys(registry).filter((k) => k.startsWith(`${name}\\`)).map((k) => k.slice(name.length + 1).split('\\')[0]!))]
        out[key] = { exists: values !== undefined || children.length > 0, keys: children, values: values ?? {} }
      }
      return out
    },
    async deleteValue(paths) {
      const registry = load()
      for (const path of paths) {
        const at = path.lastIndexOf('\\')
        const values = registry[full(path.slice(0, at))]
        if (!values || !(path.slice(at + 1) in values)) throw new Error(`regedit: value not found ${path}`)
        delete values[path.slice(at + 1)]
      }
      writeFileSync(file, JSON.stringify(registry, null, 2))
    }
  }
}
