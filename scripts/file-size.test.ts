import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Small modules with one job each: no source file over 300 lines in main/, preload/ or renderer/src (tests and data excepted). */
const ROOTS = ['main', 'preload', 'renderer/src']
const LIMIT = 300
/** The typed IPC contract is one file by design (every channel's payload and result in one place): it gets a little more room, not a split. */
const ONE_FILE_BY_DESIGN: Readonly<Record<string, number>> = { [join('preload', 'contract.ts')]: 340 }

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !/[\\/]messages[\\/]/.test(path) ? [path] : []
  })
}

describe('module size', () => {
  it(`no TypeScript source file in ${ROOTS.join(', ')} is over ${LIMIT} lines`, () => {
    const over = ROOTS.flatMap(sources)
      .map((path) => ({ path, lines: readFileSync(path, 'utf8').split('\n').length }))
      .filter((f) => f.lines > (ONE_FILE_BY_DESIGN[f.path] ?? LIMIT))
    expect(over).toEqual([])
  })
})
