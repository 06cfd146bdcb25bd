import type { Host } from '../host/types'

/**
 * Reads a small file the tool keeps (journal, lock, manifest): a regular file, not a link, not a
 * FIFO or device, within a size cap. Anything else is refused rather than read.
 */
export async function readSmallFile(host: Host, path: string, cap: number): Promise<Buffer> {
  const info = await host.lstat(path)
  if (!info) throw Object.assign(new Error('it does not exist'), { code: 'ENOENT' })
  if (!info.isFile || info.isSymbolicLink) throw Object.assign(new Error('it is not a regular file'), { code: 'EINVAL' })
  if (info.size > cap) throw Object.assign(new Error(`it is larger than ${cap} bytes`), { code: 'EFBIG' })
  const data = await host.readFile(path)
  if (data.length > cap) throw Object.assign(new Error(`it is larger than ${cap} bytes`), { code: 'EFBIG' })
  return data
}

/** Removes a file the tool keeps with a plain unlink of a regular file: never a folder, never recursive. */
export async function unlinkRegularFile(host: Host, path: string): Promise<void> {
  const info = await host.lstat(path).catch(() => null)
  if (!info) return
  if (!info.isFile) throw Object.assign(new Error(`${path} is not a regular file; it was left alone`), { code: 'EINVAL' })
  await host.remove(path)
}
