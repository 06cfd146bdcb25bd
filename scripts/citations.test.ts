import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** The code cites "plex-domain.md 3b": that document is in the repository, and each cited section is in it. */
const DOC = 'docs/plex-domain.md'
const ROOTS = ['main', 'preload', 'renderer/src', 'scripts', 'test', 'e2e', 'bench', 'docs', 'README.md']

function files(path: string): string[] {
  if (statSync(path).isFile()) return [path]
  return readdirSync(path).flatMap((name) => (name === 'node_modules' ? [] : files(join(path, name))))
}

describe('citations of plex-domain.md', () => {
  const headings = readFileSync(DOC, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('#'))
    .map((l) => /^#+ ([0-9]+[a-z]?)\./.exec(l)?.[1])
    .filter((s): s is string => s !== undefined)

  it('the document is in the repository with its numbered sections', () => {
    expect(headings).toEqual(expect.arrayContaining(['0', '1', '1a', '1b', '1c', '1d', '1e', '2', '3', '3a', '3b', '3c', '7']))
  })

  it('every section the code cites exists', () => {
    const cited = new Set<string>()
    for (const file of ROOTS.flatMap(files).filter((f) => /\.(ts|tsx|mjs|mts|md)$/.test(f) && f !== DOC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/plex-domain\.md,? (?:sections? )?([0-9][a-z]?(?:(?:, ?| and |\/)[0-9][a-z]?)*)/g)) {
        for (const section of m[1]!.split(/, ?| and |\//)) cited.add(section)
      }
    }
    expect(cited.size).toBeGreaterThan(5)
    expect([...cited].filter((s) => !headings.includes(s))).toEqual([])
  })
})
