import { regSubkeys } from '../detect/registry'
import type { Host } from '../host/types'
import { CoreError } from '../result'
import { runAsAdministrator } from '../server/elevation'
import { canonicalKey } from './reg-file'
import { toolFailure } from './tool-errors'
import type { RegistryHive } from './types'

type Timeouts = { readonly commandMs: number; readonly promptMs: number }
const DEFAULT_TIMEOUTS: Timeouts = { commandMs: 30_000, promptMs: 120_000 }

const quote = (a: string): string => (/\s/.test(a) ? `"${a}"` : a)
const command = (args: readonly string[]): string => ['reg', ...args].map(quote).join(' ')

async function isLoaded(host: Host, hive: RegistryHive): Promise<boolean> {
  const loaded = await regSubkeys(host, 'HKU')
  if (loaded === null) throw new CoreError('TOOL_FAILED', '"reg" could not list the loaded user hives (reg query HKU).')
  return loaded.some((k) => canonicalKey(k) === canonicalKey(hive.mount))
}

/**
 * Loads a signed-out service account's hive (`reg load HKU\<SID> <profile>\NTUSER.DAT`, which needs
 * an administrator: learn.microsoft.com, windows-commands/reg-load) so its key can be read and
 * changed. Returns the hive when this call loaded it: the run must record it in its journal before
 * going on, so that the run, its resume and its rollback unload it. null when it was loaded already
 * (someone else's hive: never unloaded by us).
 */
export async function loadHive(host: Host, hive: RegistryHive, timeouts: Timeouts = DEFAULT_TIMEOUTS): Promise<RegistryHive | null> {
  if (await isLoaded(host, hive)) return null
  const args = ['load', hive.mount, hive.file]
  const r = await runAsAdministrator(host, { program: 'reg', args }, command(args), timeouts)
  if (r.exitCode !== 0) throw toolFailure('reg', r, `load ${hive.file} at ${hive.mount}`)
  return hive
}

/** Unloads a hive loaded by loadHive; nothing to do when it is no longer loaded (a resume after the unload). */
export async function unloadHive(host: Host, hive: RegistryHive, timeouts: Timeouts = DEFAULT_TIMEOUTS): Promise<void> {
  if (!(await isLoaded(host, hive))) return
  const args = ['unload', hive.mount]
  const r = await runAsAdministrator(host, { program: 'reg', args }, command(args), timeouts)
  if (r.exitCode !== 0) throw toolFailure('reg', r, `unload ${hive.mount}`)
}
