import { notARegularFile, tooLarge } from './read-errors'
import type { RunResult } from './ssh-channels'
import { toErrno, type PathFacts } from './ssh-facts'
import { READ_LIMITS, type ReadOptions } from './types'

/** A bounded read of one file on its own (larger than what comes with the facts). */
export const READ_SCRIPT = '[ "$3" = 1 ] && [ -L "$1" ] && { echo "$1: Too many levels of symbolic links" >&2; exit 3; }; [ -f "$1" ] || { echo "$1: not a regular file" >&2; exit 3; }; head -c "$2" -- "$1"'

/**
 * readFile with the same options and refusals as LocalHost (issue 23 item 3): noFollow refuses a
 * link (ELOOP), a FIFO, device, socket or folder is refused as there (SPECIAL_FILE, NOT_A_FILE),
 * and nothing over maxBytes is returned (FILE_TOO_LARGE).
 */
export async function readBoundedOverSsh(
  path: string,
  options: ReadOptions,
  facts: PathFacts,
  content: PathFacts['content'],
  readAlone: (args: string[]) => Promise<RunResult>
): Promise<Buffer> {
  const { maxBytes = READ_LIMITS.settings, noFollow = false } = options
  const seen = (v: PathFacts['lstat']) => {
    if (v instanceof Error) throw v
    if (!v) throw toErrno('No such file', path)
    return v
  }
  const link = seen(facts.lstat)
  if (noFollow && link.isSymbolicLink) throw toErrno('Too many levels of symbolic links', path)
  const info = seen(facts.stat ?? facts.lstat)
  if (!info.isFile) throw notARegularFile(path, info.type)
  if (info.size > maxBytes) throw tooLarge(path, maxBytes)
  if (content instanceof Error) throw content
  let bytes = content
  if (!bytes) {
    const r = await readAlone([path, String(maxBytes + 1), noFollow ? '1' : ''])
    if (r.code !== 0) throw toErrno(r.stderr, path)
    bytes = r.stdout
  }
  if (bytes.length > maxBytes) throw tooLarge(path, maxBytes)
  return bytes
}
