import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { chmod, copyFile, constants, lstat, mkdtemp, open, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { CoreError } from '../core/result'

/**
 * The privileged helper: the single-file CLI for this computer's CPU (issue 17's executable),
 * which pkexec runs by absolute path. Decided by the entry point: process.resourcesPath in the
 * packaged app, a code-level option in tests. The release CLI never reads it from the environment.
 */
export interface ElevatedHelper {
  /** Absolute path of the executable. */
  readonly path: string
  /** SHA256SUMS shipped beside it, and the name the executable has in that file (its release name). */
  readonly checksums?: { readonly file: string; readonly name: string }
  /** Root may not read the app's own files (an AppImage's FUSE mount): run a verified private copy. */
  readonly copyFirst?: boolean
}

/** An AppImage runs from a FUSE mount under /tmp/.mount_*, which only the user who mounted it can read. */
export const onAppImageMount = (path: string, appImage: string | undefined): boolean => Boolean(appImage) || /^\/tmp\/\.mount_[^/]+\//.test(path)

const SUMS_MAX = 64 * 1024

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** The checksum SHA256SUMS gives for name (`HEX  NAME` lines, as sha256sum writes them), or null. */
export async function expectedChecksum(file: string, name: string): Promise<string | null> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW)
  try {
    const info = await handle.stat()
    if (!info.isFile() || info.size > SUMS_MAX) return null
    const text = (await handle.readFile()).toString('utf8')
    for (const line of text.split('\n')) {
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trimEnd())
      if (m && m[2] === name) return m[1]!
    }
    return null
  } finally {
    await handle.close()
  }
}

export interface PreparedHelper {
  /** What pkexec runs. */
  readonly path: string
  dispose(): Promise<void>
}

/**
 * The helper as pkexec will run it: in place, or (copyFirst) a copy in a fresh private folder
 * (0700, ours; the file 0700) whose sha256 must equal the one SHA256SUMS gives, or nothing runs.
 */
export async function prepareHelper(helper: ElevatedHelper, instead: string, options: { tempRoot?: string } = {}): Promise<PreparedHelper> {
  if (!helper.copyFirst) return { path: helper.path, dispose: async () => undefined }
  const refuse = (why: string): CoreError =>
    new CoreError('ELEVATION_UNAVAILABLE', `Plex Reclaim's helper could not be checked (${why}), so it was not run and nothing was changed. Reinstall Plex Reclaim, or run this in a terminal: ${instead}`)
  if (!helper.checksums) throw refuse('no SHA256SUMS was shipped beside it')
  const dir = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'plex-reclaim-helper-'))
  const dispose = (): Promise<void> => rm(dir, { recursive: true, force: true })
  try {
    const folder = await lstat(dir)
    const uid = process.geteuid?.()
    if (!folder.isDirectory() || (folder.mode & 0o777) !== 0o700 || (uid !== undefined && folder.uid !== uid)) throw refuse(`the private folder ${dir} is not ours alone`)
    const copy = join(dir, basename(helper.path))
    await copyFile(helper.path, copy, constants.COPYFILE_EXCL)
    await chmod(copy, 0o700)
    const [expected, actual] = await Promise.all([expectedChecksum(helper.checksums.file, helper.checksums.name).catch(() => null), sha256File(copy)])
    if (!expected) throw refuse(`${helper.checksums.file} gives no checksum for ${helper.checksums.name}`)
    if (expected !== actual) throw refuse(`its sha256 is ${actual}, but ${helper.checksums.file} gives ${expected}`)
    return { path: copy, dispose }
  } catch (error) {
    await dispose()
    throw error instanceof CoreError ? error : refuse((error as Error).message)
  }
}
