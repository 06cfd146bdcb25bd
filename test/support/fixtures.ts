import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** test/fixtures/real-world: copied from shared/fixtures (sources in its README). */
export const REAL_WORLD_DIR = join(import.meta.dirname, '..', 'fixtures', 'real-world')

export const realWorldFixtures = (): Array<{ name: string; bytes: Buffer }> =>
  readdirSync(REAL_WORLD_DIR)
    .filter((n) => n.endsWith('.xml'))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(REAL_WORLD_DIR, name)) }))

/**
 * An independent oracle for the expected bytes: a regular expression over the raw bytes that
 * removes whitespace + one of the four attributes. It is deliberately not the scanner under test.
 */
export function expectedAfterReset(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1')
  const out = text.replace(/[ \t\r\n]+PlexOnline(?:Home|Mail|Token|Username)[ \t\r\n]*=[ \t\r\n]*(?:"[^"]*"|'[^']*')/g, '')
  return Buffer.from(out, 'latin1')
}
