import type * as fs from 'node:fs'
import { CoreError } from '../result'

// Owner, group and mode of a file this process writes (LocalHost): who may keep them, and the check after.

/** Whether this process may give a file it creates this owner and group (the rules of chown(2)). */
export function ownershipKeepable(uid: number, gid: number): boolean {
  const euid = process.geteuid?.()
  if (euid === undefined || euid === 0) return true
  if (euid !== uid) return false
  return gid === process.getegid?.() || (process.getgroups?.() ?? []).includes(gid)
}

export function ownershipRefused(path: string, uid: number, gid: number): CoreError {
  const euid = process.geteuid?.()
  const what = euid !== uid ? `owner (uid ${uid})` : `group (gid ${gid}), which user ${euid} is not a member of`
  return new CoreError(
    'OWNERSHIP_NOT_KEPT',
    `${path} belongs to uid ${uid}, gid ${gid}; running as uid ${euid}, the edit cannot keep its ${what}, and the server could lose access to the file. Nothing was changed. Run it as root (sudo) or as the file's owner in that group, or pass --force to write it anyway.`
  )
}

export function verifyOwnership(path: string, s: fs.Stats, uid: number, gid: number, mode: number | undefined): void {
  if (s.uid !== uid || s.gid !== gid || (mode !== undefined && (s.mode & 0o7777) !== mode)) {
    throw new CoreError('VERIFY_FAILED', `${path} did not keep its owner, group and mode (${uid}:${gid}, ${mode?.toString(8) ?? 'mode unchanged'}); it has ${s.uid}:${s.gid}, ${(s.mode & 0o7777).toString(8)}. Check the file system (it may not support owners).`)
  }
}
