import { createHash, randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { READ_LIMITS, type Host } from '../host/types'
import { CoreError, fromFsError } from '../result'
import { openBackupFolder, type TrustedBackupFolder } from './folder-trust'
import { MANIFEST_FILE, STAMP_ID, parseManifest, type BackupManifest } from './manifest'

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex')

/** Sortable and unique: 20261128-231502-3fa9c1. */
export function newBackupId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `${stamp}-${randomBytes(3).toString('hex')}`
}

const ID_PATTERN = STAMP_ID

export interface StoredBackup {
  readonly manifest: BackupManifest
  readonly dir: string
  readonly payloadPath: string
}

export type NewBackup = Omit<BackupManifest, 'format' | 'id' | 'createdAt' | 'sha256' | 'size'>

/**
 * Backups on this machine: one folder each (0700) holding the payload and its manifest (0600).
 * The backup host is always local, even when the server is reached over SSH.
 */
export class BackupStore {
  readonly dir: string
  private trusted: Promise<TrustedBackupFolder> | undefined

  /** Given a path, the folder is checked (openBackupFolder) on first use, once. */
  constructor(
    folder: string | TrustedBackupFolder,
    private readonly host: Host
  ) {
    this.dir = typeof folder === 'string' ? folder : folder.dir
    if (typeof folder !== 'string') this.trusted = Promise.resolve(folder)
  }

  /** The checked folder's real path; a refusal (BACKUP_FOLDER_UNSAFE) stops everything. */
  private root(): Promise<string> {
    this.trusted ??= openBackupFolder(this.host, this.dir)
    return this.trusted.then((t) => t.dir)
  }

  /** Writes the payload, reads it back and compares sha256 and size before it counts as a backup. */
  async create(payload: Buffer, meta: NewBackup, now = new Date()): Promise<StoredBackup> {
    const root = await this.root()
    const id = newBackupId(now)
    const dir = join(root, id)
    const manifest: BackupManifest = { format: 2, id, createdAt: now.toISOString(), sha256: sha256(payload), size: payload.length, ...meta }
    const payloadPath = join(dir, meta.fileName)
    try {
      await this.host.mkdir(dir, 0o700)
      await this.host.writeNewFile(payloadPath, payload, 0o600)
      const readBack = await this.host.readFile(payloadPath, { maxBytes: READ_LIMITS.backup, noFollow: true })
      if (readBack.length !== manifest.size || sha256(readBack) !== manifest.sha256) {
        throw new CoreError('BACKUP_FAILED', `The backup in ${dir} did not read back identically. Check the disk; nothing was changed.`)
      }
      await this.host.writeNewFile(join(dir, MANIFEST_FILE), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 0o600)
      // The new entries must survive a power cut before the original is touched.
      await this.host.syncDir(dir)
      await this.host.syncDir(root)
    } catch (error) {
      await this.host.remove(dir).catch(() => undefined)
      const mapped = fromFsError(error, this.dir, 'writing a backup to')
      throw mapped.code === 'INTERNAL' || mapped.code === 'NOT_FOUND'
        ? new CoreError('BACKUP_FAILED', `Could not write a backup to ${this.dir}. Choose another backup folder (--backup-dir); nothing was changed.`)
        : mapped
    }
    return { manifest, dir, payloadPath }
  }

  async get(id: string): Promise<StoredBackup> {
    if (!ID_PATTERN.test(id)) {
      throw new CoreError('INVALID_INPUT', `"${id}" is not a backup id. Run "plex-reclaim backups" to list them.`)
    }
    const dir = join(await this.root(), id)
    let raw: unknown
    try {
      raw = JSON.parse((await this.host.readFile(join(dir, MANIFEST_FILE), { maxBytes: READ_LIMITS.manifest, noFollow: true })).toString('utf8'))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new CoreError('BACKUP_NOT_FOUND', `No backup ${id} in ${this.dir}. Run "plex-reclaim backups" to list them, or pass --backup-dir.`)
      }
      const why = error instanceof CoreError ? ` (${error.message})` : ''
      throw new CoreError('BACKUP_CORRUPT', `The manifest of backup ${id} cannot be read${why}. Choose another backup.`)
    }
    const manifest = parseManifest(raw)
    if (!manifest || manifest.id !== id) {
      throw new CoreError('BACKUP_CORRUPT', `The manifest of backup ${id} is damaged. Choose another backup.`)
    }
    return { manifest, dir, payloadPath: join(dir, manifest.fileName) }
  }

  /** Reads the payload and proves it is the one the manifest describes. */
  async readVerified(id: string): Promise<{ backup: StoredBackup; payload: Buffer }> {
    const backup = await this.get(id)
    let payload: Buffer
    try {
      payload = await this.host.readFile(backup.payloadPath, { maxBytes: READ_LIMITS.backup, noFollow: true })
    } catch {
      throw new CoreError('BACKUP_CORRUPT', `Backup ${id} has lost its ${backup.manifest.fileName}. Choose another backup.`)
    }
    if (payload.length !== backup.manifest.size || sha256(payload) !== backup.manifest.sha256) {
      throw new CoreError('BACKUP_CORRUPT', `Backup ${id} no longer matches its sha256: it was changed or damaged. Choose another backup.`)
    }
    return { backup, payload }
  }

  /** Newest first; a folder without a readable manifest is skipped. */
  async list(): Promise<BackupManifest[]> {
    const names = (await this.host.readdir(await this.root())).filter((n) => ID_PATTERN.test(n))
    const manifests = await Promise.all(names.map((n) => this.get(n).then((b) => b.manifest, () => null)))
    return manifests.filter((m): m is BackupManifest => m !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
  }
}
