import { summarizeAccount } from '../account/summary'
import { inDir, reg, regExport, regKeyExists, type RegRunner } from '../detect/registry'
import { runWithUac } from '../server/elevation'
import type { Host } from '../host/types'
import { CoreError } from '../result'
import { SIGN_IN_KEYS, type SignInKey } from './keys'
import { canonicalKey, isAtOrUnder, parseRegFile, regDifferences, regState, valueText, type RegKey } from './reg-file'
import { toolFailure } from './tool-errors'
import { ownSnapshot, type SettingsStore, type StoreSnapshot, type StoreTarget } from './types'

const FILE_NAME = 'Plex Media Server.reg'
const TIMEOUTS = { commandMs: 30_000, promptMs: 120_000 }
const SIGN_IN = new Set<string>(SIGN_IN_KEYS.map((k) => k.toLowerCase()))

type State = Map<string, Map<string, string>>

/** At most a few differences, by key and value name only: the data may be a token. */
const listed = (diffs: readonly string[]): string => diffs.slice(0, 5).join('; ') + (diffs.length > 5 ? `; and ${diffs.length - 5} more` : '')

/**
 * Windows: every operation is reg.exe. Read with `reg export` (the same .reg text the backup keeps,
 * parsed into types and bytes), remove with `reg delete KEY /v NAME /f`, restore by emptying the key
 * and then `reg import`, and after each change a fresh export compared value by value. The key is
 * HKCU's for a tray install, or a service account's hive under HKU.
 */
const isRegistrySnapshot = (s: StoreSnapshot): s is StoreSnapshot => s.kind === 'windows-registry'

export class WindowsRegistryStore implements SettingsStore {
  readonly target: Extract<StoreTarget, { kind: 'windows-registry' }>

  constructor(
    private readonly host: Host,
    key: string
  ) {
    this.target = { kind: 'windows-registry', key }
  }

  private get key(): string {
    return this.target.key
  }

  /**
   * reg for this key. Another account's hive (HKU\\SID: the current user's is found as HKCU) is
   * that account's, SYSTEM's and the administrators': its export, delete and import ask UAC when
   * refused, as the service steps do (issue 25 item 3).
   */
  private readonly run: RegRunner = (args) =>
    /^HKU\\/i.test(this.key) ? runWithUac(this.host, { program: 'reg', args }, ['reg', ...args].map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' '), TIMEOUTS) : reg(this.host, args)

  /** The key and its subkeys as exported now; a missing key is NOT_FOUND, any other failure reg's own words. */
  private async read(doing: string): Promise<{ bytes: Buffer; keys: RegKey[] }> {
    const r = await regExport(this.host, this.key, this.run)
    if (r.ok) return r
    if (!r.result.notFound && (await regKeyExists(this.host, this.key)) === false) {
      throw new CoreError('NOT_FOUND', `${this.key} does not exist: Plex Media Server has not run as this user.`)
    }
    throw toolFailure('reg', r.result, doing)
  }

  /** The values of the key itself (not of its subkeys). */
  private own(keys: readonly RegKey[]): RegKey['values'] {
    return keys.find((k) => canonicalKey(k.path) === canonicalKey(this.key))?.values ?? []
  }

  async snapshot(): Promise<StoreSnapshot> {
    const { bytes, keys } = await this.read(`export ${this.key}`)
    const values = this.own(keys)
    const text = (name: string): string | undefined => {
      const v = values.find((x) => x.name.toLowerCase() === name.toLowerCase())
      return v ? valueText(v) : undefined
    }
    const present = new Set(values.map((v) => v.name.toLowerCase()))
    return {
      kind: 'windows-registry',
      payload: bytes,
      fileName: FILE_NAME,
      account: summarizeAccount(text),
      keysPresent: SIGN_IN_KEYS.filter((k) => present.has(k.toLowerCase()))
    }
  }

  async removeSignIn(given: StoreSnapshot): Promise<readonly SignInKey[]> {
    const snapshot = ownSnapshot(given, isRegistrySnapshot, 'windows-registry')
    if (snapshot.keysPresent.length === 0) return []
    const now = regState((await this.read(`export ${this.key}`)).keys)
    if (regDifferences(regState(parseRegFile(snapshot.payload)), now).length > 0) {
      throw new CoreError('STORE_CHANGED', 'The server settings changed after the backup. Quit Plex Media Server, then run the reset again.')
    }
    for (const name of snapshot.keysPresent) {
      const r = await this.run(['delete', this.key, '/v', name, '/f'])
      if (r.exitCode !== 0) throw toolFailure('reg', r, `delete ${name} from ${this.key}`)
    }
    return snapshot.keysPresent
  }

  /** The four values are gone and every other value of the key and its subkeys is as in the snapshot. */
  async verifyRemoved(given: StoreSnapshot): Promise<void> {
    const snapshot = ownSnapshot(given, isRegistrySnapshot, 'windows-registry')
    const expected: State = regState(parseRegFile(snapshot.payload))
    const own = expected.get(canonicalKey(this.key))
    for (const name of own?.keys() ?? []) if (SIGN_IN.has(name)) own!.delete(name)
    const diffs = regDifferences(expected, regState((await this.read(`export ${this.key}`)).keys))
    if (diffs.length > 0) {
      throw new CoreError('VERIFY_FAILED', `${this.key} is not as expected after the change (${listed(diffs)}). Restore the backup and try again.`)
    }
  }

  /** The key holds exactly the backup's values (compared parsed: Wine and Windows order them differently). */
  async matches(payload: Buffer): Promise<boolean> {
    const now = await regExport(this.host, this.key, this.run)
    return now.ok && regDifferences(regState(parseRegFile(payload)), regState(now.keys)).length === 0
  }

  /**
   * Leaves the key exactly as the backup: `reg import` only adds, so first every value the key and
   * its subkeys hold now is deleted (`reg delete /va` clears one key's own values only), and
   * subkeys the backup does not have go; then the import, then a fresh export must equal the backup.
   */
  async checkPayload(payload: Buffer): Promise<void> {
    let backup: ReturnType<typeof parseRegFile> = []
    try {
      backup = parseRegFile(payload)
    } catch {
      // not a .reg export at all: refused below like an export of another key
    }
    if (backup.length === 0 || canonicalKey(backup[0]!.path) !== canonicalKey(this.key) || !backup.every((k) => isAtOrUnder(k.path, this.key))) {
      throw new CoreError('BACKUP_CORRUPT', `This backup is not an export of ${this.key} alone, so it is not imported. Choose a backup of this server.`)
    }
  }

  async restore(payload: Buffer): Promise<void> {
    await this.checkPayload(payload)
    const backup = parseRegFile(payload)
    const wanted = regState(backup)
    await this.clear(wanted)
    const dir = await this.host.makeTempDir('plex-reclaim')
    try {
      const file = inDir(this.host, dir, FILE_NAME)
      await this.host.writeNewFile(file, payload, 0o600)
      const r = await this.run(['import', file])
      if (r.exitCode !== 0) throw toolFailure('reg', r, 'import the backup')
    } finally {
      await this.host.remove(dir)
    }
    const diffs = regDifferences(wanted, regState((await this.read(`export ${this.key}`)).keys))
    if (diffs.length > 0) {
      throw new CoreError('VERIFY_FAILED', `${this.key} does not match the backup after the restore (${listed(diffs)}). Run the restore again.`)
    }
  }

  private async clear(wanted: State): Promise<void> {
    const now = await regExport(this.host, this.key, this.run)
    // Nothing to clear when the key is not there; the check after the import catches anything else.
    if (!now.ok) return
    const gone: string[] = []
    for (const k of now.keys) {
      const c = canonicalKey(k.path)
      if (gone.some((g) => c.startsWith(`${g}\\`))) continue
      const r =
        !wanted.has(c) && c !== canonicalKey(this.key)
          ? (gone.push(c), await this.run(['delete', k.path, '/f']))
          : k.values.length > 0
            ? await this.run(['delete', k.path, '/va', '/f'])
            : null
      if (r && r.exitCode !== 0) throw toolFailure('reg', r, `clear ${k.path} before the import`)
    }
  }
}
