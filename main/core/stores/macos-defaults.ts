import { join } from 'node:path'
import { summarizeAccount } from '../account/summary'
import { sha256 } from '../backups/store'
import type { Host } from '../host/types'
import { CoreError } from '../result'
import { macUserContext, type MacUserContext } from '../server/macos-control'
import { MACOS_DOMAIN, SIGN_IN_KEYS, type SignInKey } from './keys'
import { readPlistValues } from './plist-values'
import { toolFailure } from './tool-errors'
import { ownSnapshot, type SettingsStore, type StoreSnapshot, type StoreTarget } from './types'

interface MacSnapshot extends StoreSnapshot {
  readonly values: Readonly<Record<string, string>>
}

const isMacSnapshot = (s: StoreSnapshot): s is MacSnapshot => s.kind === 'macos-defaults' && 'values' in s

/**
 * macOS: the preferences domain, changed only through `defaults` so cfprefsd sees every change
 * (editing the plist file behind its back is ignored or reverted; plex-domain.md section 2).
 */
export class MacDefaultsStore implements SettingsStore {
  readonly target: Extract<StoreTarget, { kind: 'macos-defaults' }>

  constructor(
    private readonly host: Host,
    user: string | null = null
  ) {
    this.target = { kind: 'macos-defaults', domain: MACOS_DOMAIN, user }
  }

  private context: Promise<MacUserContext | null> | null = null

  /**
   * defaults acts on the calling user's domain: run as the user who runs the server, decided by
   * the uid on the server's machine (over SSH this process's own says nothing; issue 25 item 8).
   */
  private async run(args: string[], doing: string) {
    const user = this.target.user
    this.context ??= user ? macUserContext(this.host, user, 'its settings are read and changed') : Promise.resolve(null)
    const context = await this.context
    // sudo resets PATH (secure_path): defaults by its absolute path.
    const defaults = context?.as === 'root' ? ((await this.host.which('defaults')) ?? '/usr/bin/defaults') : null
    const [program, argv] = defaults ? ['sudo', ['-u', user!, defaults, ...args]] : ['defaults', args]
    const r = await this.host.exec(program, argv, { timeoutMs: 30_000 })
    if (r.exitCode !== 0) throw toolFailure('defaults', r, doing)
    return r
  }

  private async exportDomain(): Promise<Buffer> {
    const r = await this.run(['export', MACOS_DOMAIN, '-'], `export ${MACOS_DOMAIN}`)
    return Buffer.from(r.stdout, 'utf8')
  }

  async snapshot(): Promise<MacSnapshot> {
    const payload = await this.exportDomain()
    const values = await readPlistValues(payload)
    return {
      kind: 'macos-defaults',
      payload,
      fileName: `${MACOS_DOMAIN}.plist`,
      values,
      account: summarizeAccount((k) => values[k]),
      keysPresent: SIGN_IN_KEYS.filter((k) => k in values)
    }
  }

  async removeSignIn(given: StoreSnapshot): Promise<readonly SignInKey[]> {
    const snapshot = ownSnapshot(given, isMacSnapshot, 'macos-defaults')
    if (snapshot.keysPresent.length === 0) return []
    if (sha256(await this.exportDomain()) !== sha256(snapshot.payload)) {
      throw new CoreError('STORE_CHANGED', 'The server settings changed after the backup. Quit Plex Media Server, then run the reset again.')
    }
    for (const key of snapshot.keysPresent) await this.run(['delete', MACOS_DOMAIN, key], `delete ${key}`)
    return snapshot.keysPresent
  }

  async verifyRemoved(snapshot: StoreSnapshot): Promise<void> {
    const before = ownSnapshot(snapshot, isMacSnapshot, 'macos-defaults').values
    const after = await readPlistValues(await this.exportDomain())
    const keysGone = SIGN_IN_KEYS.every((k) => !(k in after))
    const restKept = Object.entries(before).every(([k, v]) => (SIGN_IN_KEYS as readonly string[]).includes(k) || after[k] === v)
    if (!keysGone || !restKept) {
      throw new CoreError('VERIFY_FAILED', 'The macOS settings do not look as expected after the change. Restore the backup and try again.')
    }
  }

  async checkPayload(payload: Buffer): Promise<void> {
    const values = await readPlistValues(payload).catch(() => null)
    if (!values) throw new CoreError('BACKUP_CORRUPT', `This backup does not hold a ${MACOS_DOMAIN} property list, so it is not imported. Choose another backup; nothing was changed.`)
  }

  async restore(payload: Buffer): Promise<void> {
    await this.checkPayload(payload)
    const dir = await this.host.makeTempDir('plex-reclaim')
    try {
      const file = join(dir, `${MACOS_DOMAIN}.plist`)
      await this.host.writeNewFile(file, payload, 0o600)
      await this.run(['import', MACOS_DOMAIN, file], `import ${MACOS_DOMAIN}`)
    } finally {
      await this.host.remove(dir)
    }
  }
}
