import type { Host } from '../host/types'

/**
 * Reads a small file the tool keeps (journal, lock): bounded, not through a link, a regular file
 * (the host refuses FIFOs and devices), so a planted file can neither hang nor flood a command.
 */
export function readSmallFile(host: Host, path: string, cap: number): Promise<Buffer> {
  return host.readFile(path, { maxBytes: cap, noFollow: true })
}

/** Removes a file the tool keeps with a plain unlink of a regular file: never a folder, never recursive. */
export async function unlinkRegularFile(host: Host, path: string): Promise<void> {
  const info = await host.lstat(path).catch(() => null)
  if (!info) return
  if (!info.isFile) throw Object.assign(new Error(`${path} is not a regular file; it was left alone`), { code: 'EINVAL' })
  await host.remove(path)
}
