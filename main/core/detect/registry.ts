import { posix, win32 } from 'node:path'
import type { ExecResult, Host } from '../host/types'
import { canonicalKey, parseRegFile, type RegKey } from '../stores/reg-file'

/**
 * The Windows registry through reg.exe alone (learn.microsoft.com, windows-commands/reg-query,
 * reg-export, reg-delete, reg-import, reg-load): no script host, nothing locale-dependent is
 * parsed. Values are read from `reg export` files; `reg query` is used only for the key paths it
 * prints, one per line, which are never translated.
 */
const TIMEOUT_MS = 30_000

export const reg = (host: Host, args: readonly string[]): Promise<ExecResult> => host.exec('reg', args, { timeoutMs: TIMEOUT_MS })

/** A file in a folder of the host, in the host's own spelling. */
export const inDir = (host: Host, dir: string, name: string): string => (host.platform === 'win32' ? win32 : posix).join(dir, name)

export type Exported = { readonly ok: true; readonly bytes: Buffer; readonly keys: RegKey[] } | { readonly ok: false; readonly result: ExecResult }

/**
 * `reg export KEY FILE /y` into a fresh private folder, read back and parsed. Always /y, and always
 * a file that does not exist yet: without /y, reg asks on the console whether to overwrite.
 */
export type RegRunner = (args: readonly string[]) => Promise<ExecResult>

export async function regExport(host: Host, key: string, run: RegRunner = (args) => reg(host, args)): Promise<Exported> {
  const dir = await host.makeTempDir('plex-reclaim')
  try {
    const path = inDir(host, dir, 'export.reg')
    const result = await run(['export', key, path, '/y'])
    if (result.exitCode !== 0) return { ok: false, result }
    const bytes = await host.readFile(path)
    return { ok: true, bytes, keys: parseRegFile(bytes) }
  } finally {
    await host.remove(dir)
  }
}

/** The full paths of a key's direct subkeys (`reg query KEY` lists them one per line); null when the query failed. */
export async function regSubkeys(host: Host, key: string): Promise<string[] | null> {
  const r = await reg(host, ['query', key])
  if (r.exitCode !== 0) return null
  const own = canonicalKey(key)
  return r.stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => /^HKEY_[A-Z_]+\\/i.test(l) && canonicalKey(l).startsWith(`${own}\\`) && !canonicalKey(l).slice(own.length + 1).includes('\\'))
}

/**
 * Whether the key exists, from its parent's listing (reg's "not found" text differs per language);
 * a parent that cannot be listed is asked about in turn. null when that cannot be told.
 */
export async function regKeyExists(host: Host, key: string): Promise<boolean | null> {
  const at = key.lastIndexOf('\\')
  if (at < 0) return true
  const parent = key.slice(0, at)
  const siblings = await regSubkeys(host, parent)
  if (siblings === null) return (await regKeyExists(host, parent)) === false ? false : null
  return siblings.some((s) => canonicalKey(s) === canonicalKey(key))
}

/** The values of the exported key itself (not its subkeys), by name; null when it could not be read. */
export async function regValues(host: Host, key: string): Promise<RegKey['values'] | null> {
  const r = await regExport(host, key)
  if (!r.ok) return null
  return r.keys.find((k) => canonicalKey(k.path) === canonicalKey(key))?.values ?? []
}
