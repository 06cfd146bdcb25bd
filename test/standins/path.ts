import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'

/**
 * Puts stand-ins first on PATH under the real programs' names, so the code under test finds them
 * exactly as it finds the real ones (execFile through PATH). Returns a function that undoes it.
 */
export function standInsOnPath(names: readonly string[]): () => void {
  const bin = mkdtempSync(join(tmpdir(), 'plex-reclaim-bin-'))
  for (const name of names) {
    const script = join(import.meta.dirname, `${name}.mjs`)
    writeFileSync(join(bin, name), `#!/bin/sh\nexec "${process.execPath}" "${script}" "$@"\n`)
    chmodSync(join(bin, name), 0o755)
  }
  const before = process.env.PATH
  process.env.PATH = `${bin}${delimiter}${before ?? ''}`
  return () => {
    process.env.PATH = before
  }
}
