import { basename, dirname, join, resolve } from 'node:path'
import type { FileInfo, Host } from '../host/types'
import { CoreError, fromFsError } from '../result'
import { CLIENT_ID_FILE, KNOWN_HOSTS_FILE } from './location'

/**
 * The backup folder holds tokens, and what is read back from it (manifests, journals, locks,
 * known hosts) decides what a root process writes and runs. So no other non-root user may own or
 * write it, any folder above it, or anything in it. Checked once per run or command, before use.
 */
export interface TrustedBackupFolder {
  /** The folder's real path (no links left in it): every later path is built from this. */
  readonly dir: string
  /** Host keys confirmed for SSH servers (JSON), inside the checked folder. */
  readonly knownHostsPath: string
  /** The X-Plex-Client-Identifier of this install, inside the checked folder. */
  readonly clientIdPath: string
}

export interface FolderTrustOptions {
  /** The user the folder must belong to; this process's effective uid by default (tests pass one). */
  readonly uid?: number
  /** How many entries below the folder are checked at most; a larger folder is refused. */
  readonly maxEntries?: number
}

const GROUP_OR_OTHER_WRITE = 0o022
const STICKY = 0o1000

function unsafe(dir: string, why: string, fix: string): CoreError {
  return new CoreError('BACKUP_FOLDER_UNSAFE', `The backup folder ${dir} is not safe to use: ${why}. ${fix} Nothing was changed.`)
}

const chooseAnother = (uid: number): string =>
  `Choose a backup folder that only you${uid === 0 ? ' (root)' : ''} can write, with --backup-dir (for example one under ${uid === 0 ? '/root' : 'your home folder'}).`

/** Who owns it and who may write it: only this user, or root (which can do anything anyway). */
function checkAncestor(dir: string, path: string, info: FileInfo, uid: number): void {
  if (!info.isDirectory) throw unsafe(dir, `${path} is not a folder`, chooseAnother(uid))
  if (info.uid !== 0 && info.uid !== uid) throw unsafe(dir, `the folder ${path} above it belongs to another user (uid ${info.uid}), who could replace it`, chooseAnother(uid))
  // A root-owned sticky folder (/tmp) lets others create entries but not replace ours.
  if (info.mode & GROUP_OR_OTHER_WRITE && !(info.uid === 0 && info.mode & STICKY)) {
    throw unsafe(dir, `other users can write the folder ${path} above it (mode ${(info.mode & 0o7777).toString(8)}), so they could replace it`, chooseAnother(uid))
  }
}

function checkOwn(dir: string, path: string, info: FileInfo, uid: number): void {
  if (info.isSymbolicLink) throw unsafe(dir, `${path} is a symbolic link, and links in the backup folder are never followed`, `Remove the link, or choose another folder with --backup-dir.`)
  // A folder every user shares by design (/tmp): never advise changing it, that breaks everyone else.
  if (info.mode & STICKY && info.mode & GROUP_OR_OTHER_WRITE) {
    throw unsafe(dir, `${path} is a folder all users share (mode ${(info.mode & 0o7777).toString(8)}, like /tmp), where others can create files beside the backups`, chooseAnother(uid))
  }
  if (info.uid !== uid) throw unsafe(dir, `${path} belongs to another user (uid ${info.uid})`, `Remove it, or choose another folder with --backup-dir.`)
  if (info.mode & GROUP_OR_OTHER_WRITE) {
    throw unsafe(dir, `other users can write ${path} (mode ${(info.mode & 0o7777).toString(8)})`, `Make it private (chmod go-w "${path}"), or choose another folder with --backup-dir.`)
  }
}

/** The real path of what exists, plus the part that does not exist yet. */
async function realLocation(host: Host, dir: string): Promise<{ real: string; missing: string[] }> {
  const missing: string[] = []
  let existing = dir
  for (;;) {
    const info = await host.lstat(existing)
    if (info) break
    if (dirname(existing) === existing) break
    missing.unshift(basename(existing))
    existing = dirname(existing)
  }
  return { real: await host.realpath(existing), missing }
}

/** Every folder from / down to path, root first. */
function chain(path: string): string[] {
  const out: string[] = []
  for (let p = path; ; p = dirname(p)) {
    out.unshift(p)
    if (dirname(p) === p) return out
  }
}

async function checkTree(host: Host, dir: string, top: string, uid: number, budget: { left: number }): Promise<void> {
  for (const name of await host.readdir(top)) {
    const path = join(top, name)
    const info = await host.lstat(path)
    if (!info) continue
    if (--budget.left < 0) throw unsafe(dir, 'it holds more entries than a backup folder should', 'Choose another folder with --backup-dir.')
    checkOwn(dir, path, info, uid)
    if (info.isDirectory) await checkTree(host, dir, path, uid, budget)
  }
}

/**
 * Checks the backup folder (creating what is missing, 0700) and returns where things live in it.
 * An existing folder's mode is never changed: an unsafe one is refused, with the reason and the fix.
 */
export async function openBackupFolder(host: Host, dir: string, options: FolderTrustOptions = {}): Promise<TrustedBackupFolder> {
  const uid = options.uid ?? process.geteuid?.()
  const absolute = resolve(dir)
  if (uid === undefined) {
    // Windows: no POSIX owners to check; the folder lives in the user's own profile.
    await host.mkdir(absolute, 0o700)
    return at(absolute)
  }
  try {
    const { real, missing } = await realLocation(host, absolute)
    const parents = chain(real)
    const target = missing.length === 0 ? parents.pop()! : undefined
    for (const path of parents) checkAncestor(absolute, path, (await host.lstat(path))!, uid)
    const folder = missing.length === 0 ? real : join(real, ...missing)
    // The missing tail is created 0700 by this user, under folders already proven safe.
    if (target === undefined) await host.mkdir(folder, 0o700)
    for (const path of missing.map((_, i) => join(real, ...missing.slice(0, i + 1))).slice(0, -1)) checkOwn(absolute, path, (await host.lstat(path))!, uid)
    const info = await host.lstat(folder)
    if (!info?.isDirectory) throw unsafe(absolute, `${folder} is not a folder`, chooseAnother(uid))
    checkOwn(absolute, folder, info, uid)
    await checkTree(host, absolute, folder, uid, { left: options.maxEntries ?? 100_000 })
    return at(folder)
  } catch (error) {
    throw fromFsError(error, absolute, 'checking the backup folder')
  }
}

const at = (dir: string): TrustedBackupFolder => ({ dir, knownHostsPath: join(dir, KNOWN_HOSTS_FILE), clientIdPath: join(dir, CLIENT_ID_FILE) })

