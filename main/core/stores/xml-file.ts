import { dirname, relative, isAbsolute, sep } from 'node:path'
import { summarizeAccount } from '../account/summary'
import { notARegularFile } from '../host/read-errors'
import { READ_LIMITS, type FileInfo, type Host, type ReadOptions } from '../host/types'
import { CoreError, fromFsError } from '../result'
import { sha256 } from '../backups/store'
import { PREFERENCES_FILE } from './keys'
import { attributeValue, parsePreferences, removeSignInKeys, signInKeysPresent, type PreferencesDocument } from './preferences-xml'
import { ownSnapshot, type Ownership, type SettingsStore, type StoreSnapshot, type StoreTarget } from './types'

export interface XmlSnapshot extends StoreSnapshot {
  readonly document: PreferencesDocument
  readonly info: FileInfo
  /** The file written: the path itself, or where its symlink (inside the data folder) leads. */
  readonly realPath: string
}

/** The settings file is read bounded; the path read is the resolved one, so no link is expected. */
const SETTINGS_READ: ReadOptions = { maxBytes: READ_LIMITS.settings, noFollow: true }

export interface XmlFileStoreOptions {
  /** --force: write even when this user cannot keep the file's owner and group. */
  readonly allowOwnerChange?: boolean
}

const inside = (parent: string, child: string): boolean => {
  const rel = relative(parent, child)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/** Linux, NAS and Docker: Preferences.xml in the server's data folder, edited byte for byte. */
/** A full snapshot of this store (a raw read of a damaged file has no document and is not one). */
export const isXmlSnapshot = (s: StoreSnapshot): s is XmlSnapshot => s.kind === 'preferences-xml' && 'document' in s && 'realPath' in s

export class XmlFileStore implements SettingsStore {
  readonly target: Extract<StoreTarget, { kind: 'preferences-xml' }>

  constructor(
    private readonly host: Host,
    path: string,
    dataDir: string = dirname(path),
    private readonly options: XmlFileStoreOptions = {}
  ) {
    this.target = { kind: 'preferences-xml', path, dataDir }
  }

  /** Resolves a symlink, refusing one that leads out of the data folder. */
  private async resolve(): Promise<{ realPath: string; info: FileInfo }> {
    const { path, dataDir } = this.target
    let link: FileInfo | null
    try {
      link = await this.host.lstat(path)
    } catch (error) {
      throw fromFsError(error, path, 'reading')
    }
    if (!link) throw fromFsError(Object.assign(new Error(), { code: 'ENOENT' }), path, 'reading')
    let realPath = path
    if (link.isSymbolicLink) {
      try {
        realPath = await this.host.realpath(path)
        const realDir = await this.host.realpath(dataDir)
        if (!inside(realDir, realPath)) {
          throw new CoreError('SYMLINK_OUTSIDE_DATA_DIR', `${path} is a link to ${realPath}, outside the server's data folder. Replace the link with the real file, then try again.`)
        }
      } catch (error) {
        throw fromFsError(error, path, 'resolving')
      }
    }
    const info = await this.host.stat(realPath)
    if (!info) throw fromFsError(Object.assign(new Error(), { code: 'ENOENT' }), path, 'reading')
    if (!info.isFile) throw notARegularFile(path, info.type)
    return { realPath, info }
  }

  async snapshot(): Promise<XmlSnapshot> {
    const { realPath, info } = await this.resolve()
    let bytes: Buffer
    try {
      bytes = await this.host.readFile(realPath, SETTINGS_READ)
    } catch (error) {
      throw fromFsError(error, this.target.path, 'reading')
    }
    const document = parsePreferences(bytes)
    return {
      kind: 'preferences-xml',
      payload: bytes,
      fileName: PREFERENCES_FILE,
      document,
      info,
      realPath,
      ownership: { mode: info.mode, uid: info.uid, gid: info.gid },
      account: summarizeAccount((k) => attributeValue(document, k)),
      keysPresent: signInKeysPresent(document)
    }
  }

  expectedAfterRemove(snapshot: StoreSnapshot): Buffer {
    return removeSignInKeys(ownSnapshot(snapshot, isXmlSnapshot, 'preferences-xml').document).bytes
  }

  async removeSignIn(snapshot: StoreSnapshot): Promise<StoreSnapshot['keysPresent']> {
    const before = ownSnapshot(snapshot, isXmlSnapshot, 'preferences-xml')
    const { bytes, removed } = removeSignInKeys(before.document)
    if (removed.length === 0) return removed
    // Re-check right before writing: the file must still be the one that was backed up, and a
    // symlink swapped in since then must not redirect the write.
    const { realPath, info } = await this.resolve()
    const current = await this.host.readFile(realPath, SETTINGS_READ).catch((e: unknown) => {
      throw fromFsError(e, this.target.path, 'reading')
    })
    if (realPath !== before.realPath || sha256(current) !== sha256(before.payload)) {
      throw new CoreError('STORE_CHANGED', `${this.target.path} changed after it was backed up. Make sure the server is stopped, then run the reset again.`)
    }
    try {
      await this.host.writeFileAtomic(realPath, bytes, { mode: info.mode, uid: info.uid, gid: info.gid, allowOwnerChange: this.options.allowOwnerChange })
    } catch (error) {
      throw fromFsError(error, this.target.path, 'writing')
    }
    return removed
  }

  /**
   * The file must read back as exactly the expected bytes. Those were cut from a document that
   * passed the strict check, and every sign-in attribute in it was cut, so equality is the proof.
   */
  async verifyRemoved(snapshot: StoreSnapshot): Promise<void> {
    const { document, realPath } = ownSnapshot(snapshot, isXmlSnapshot, 'preferences-xml')
    const { bytes: expected, removed } = removeSignInKeys(document)
    const after = await this.host.readFile(realPath, SETTINGS_READ)
    if (!after.equals(expected) || removed.length !== signInKeysPresent(document).length) {
      throw new CoreError('VERIFY_FAILED', `${this.target.path} does not hold the expected content after the edit. Restore the backup (plex-reclaim restore) and try again.`)
    }
  }

  /** The bytes even when they do not parse; a link out of the data folder is never followed. */
  async readRaw(): Promise<StoreSnapshot | null> {
    // Unresolvable or unreadable: there are no bytes to keep, which the caller says in its own words.
    const resolved = await this.resolve().catch(() => null)
    const payload = resolved ? await this.host.readFile(resolved.realPath, { maxBytes: READ_LIMITS.settings }).catch(() => null) : null // unreadable: nothing to keep, the caller says so
    return payload ? { kind: 'preferences-xml', payload, fileName: PREFERENCES_FILE, account: summarizeAccount(() => undefined), keysPresent: [] } : null
  }

  async matches(payload: Buffer): Promise<boolean> {
    const existing = await this.resolve().catch(() => null) // gone or a link outside the data folder: matches() answers false
    if (!existing) return false
    const now = await this.host.readFile(existing.realPath, SETTINGS_READ).catch(() => null) // unreadable: it does not match
    return now !== null && now.equals(payload)
  }

  /** A backup's bytes must be a Preferences.xml (the same checks as a file read now), whatever its sha256 says. */
  async checkPayload(payload: Buffer): Promise<void> {
    try {
      parsePreferences(payload)
    } catch (error) {
      const why = error instanceof CoreError ? error.message.replace(/[;.]\s*nothing was changed\.?$/i, '').replace(/\.$/, '') : 'it cannot be read'
      throw new CoreError('BACKUP_CORRUPT', `This backup does not hold a Preferences.xml (${why}), so it is not put back. Choose another backup; nothing was changed.`)
    }
  }

  /** A missing file is recreated with the recorded owner, group and mode (never world-readable). */
  async restore(payload: Buffer, recreate?: Ownership): Promise<void> {
    await this.checkPayload(payload)
    const { path } = this.target
    const existing = await this.resolve().catch(() => null) // gone or a link outside the data folder: nothing to compare
    const realPath = existing?.realPath ?? path
    const info = existing?.info ?? recreate
    try {
      await this.host.writeFileAtomic(realPath, payload, info ? { mode: info.mode, uid: info.uid, gid: info.gid, allowOwnerChange: this.options.allowOwnerChange } : { mode: 0o600 })
    } catch (error) {
      throw fromFsError(error, path, 'restoring')
    }
    const after = await this.host.readFile(realPath, SETTINGS_READ)
    if (!after.equals(payload)) {
      throw new CoreError('VERIFY_FAILED', `${path} did not read back as the backup after the restore. Check the disk and try again.`)
    }
  }
}
