import { join } from 'node:path'
import { summarizeAccount } from '../account/summary'
import { sha256 } from '../backups/store'
import type { RegistryClient } from '../detect/registry'
import type { Host } from '../host/types'
import { CoreError } from '../result'
import { SIGN_IN_KEYS, type SignInKey } from './keys'
import { readRegValues } from './reg-file'
import { toolFailure } from './tool-errors'
import type { SettingsStore, StoreSnapshot, StoreTarget } from './types'

/**
 * Windows: backed up with `reg export` (a .reg the user can also double-click), read and changed
 * with regedit, restored with `reg import`. The key is HKCU for a tray install, or the service
 * account's hive under HKU.
 */
export class WindowsRegistryStore implements SettingsStore {
  readonly target: Extract<StoreTarget, { kind: 'windows-registry' }>

  constructor(
    private readonly host: Host,
    private readonly registry: RegistryClient,
    key: string
  ) {
    this.target = { kind: 'windows-registry', key }
  }

  private async exportKey(): Promise<Buffer> {
    const dir = await this.host.makeTempDir('plex-reclaim')
    try {
      const file = join(dir, 'Plex Media Server.reg')
      const r = await this.host.exec('reg', ['export', this.target.key, file, '/y'], { timeoutMs: 30_000 })
      if (r.exitCode !== 0) throw toolFailure('reg', r, `export ${this.target.key}`)
      return await this.host.readFile(file)
    } finally {
      await this.host.remove(dir)
    }
  }

  private async values(): Promise<Record<string, string>> {
    const listing = (await this.registry.list([this.target.key]))[this.target.key]
    if (!listing?.exists) throw new CoreError('NOT_FOUND', `${this.target.key} does not exist: Plex Media Server has not run as this user.`)
    return Object.fromEntries(Object.entries(listing.values).map(([k, v]) => [k, String(v.value)]))
  }

  async snapshot(): Promise<StoreSnapshot> {
    const payload = await this.exportKey()
    const values = await this.values()
    return {
      payload,
      fileName: 'Plex Media Server.reg',
      account: summarizeAccount((k) => values[k]),
      keysPresent: SIGN_IN_KEYS.filter((k) => k in values)
    }
  }

  async removeSignIn(snapshot: StoreSnapshot): Promise<readonly SignInKey[]> {
    if (snapshot.keysPresent.length === 0) return []
    if (sha256(await this.exportKey()) !== sha256(snapshot.payload)) {
      throw new CoreError('STORE_CHANGED', 'The server settings changed after the backup. Quit Plex Media Server, then run the reset again.')
    }
    // regedit mutates the array it is given: pass a fresh one.
    await this.registry.deleteValue(snapshot.keysPresent.map((k) => `${this.target.key}\\${k}`))
    return snapshot.keysPresent
  }

  async verifyRemoved(): Promise<void> {
    const after = await this.values()
    if (SIGN_IN_KEYS.some((k) => k in after)) {
      throw new CoreError('VERIFY_FAILED', `${this.target.key} still holds sign-in values after the change. Restore the backup and try again.`)
    }
  }

  /** Compared by parsed values: an export's bytes differ in value order between Windows and Wine. */
  async matches(payload: Buffer): Promise<boolean> {
    const [now, wanted] = [readRegValues(await this.exportKey()), readRegValues(payload)]
    return JSON.stringify(Object.entries(now).sort()) === JSON.stringify(Object.entries(wanted).sort())
  }

  async restore(payload: Buffer): Promise<void> {
    const dir = await this.host.makeTempDir('plex-reclaim')
    try {
      const file = join(dir, 'Plex Media Server.reg')
      await this.host.writeNewFile(file, payload, 0o600)
      const r = await this.host.exec('reg', ['import', file], { timeoutMs: 30_000 })
      if (r.exitCode !== 0) throw toolFailure('reg', r, 'import the backup')
    } finally {
      await this.host.remove(dir)
    }
  }
}
