import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SIGNED_IN, SIGNED_OUT, tempDir } from '../../test/support/temp'
import { shown } from './format'
import { runCli } from './run'

/** A folder named with a newline (legal on Linux) or an escape sequence cannot split or colour a line of text output. */
async function cli(args: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = []
  const err: string[] = []
  const status = await runCli(args, { out: (l) => void out.push(l), err: (l) => void err.push(l) })
  return { status, out, err }
}

function fileIn(folder: string): string {
  const dir = join(tempDir('escape'), folder)
  mkdirSync(dir)
  const path = join(dir, 'Preferences.xml')
  writeFileSync(path, SIGNED_IN)
  return path
}

describe('control characters in text output', () => {
  it('shown() escapes C0, DEL, C1 and the line separators, and leaves other text alone', () => {
    expect(shown('a\nb\rc\td\u001b[31me\u007f\u0085\u2028ü')).toBe('a\\nb\\rc\\td\\u001b[31me\\u007f\\u0085\\u2028ü')
  })

  it('inspect: the path with a newline stays on its line', async () => {
    const path = fileIn('Plex\nSERVER OK: fake line')
    const r = await cli(['inspect', '--file', path])
    expect(r.status).toBe(0)
    const first = r.out.join('\n').split('\n')[0]!
    expect(first).toContain('Plex\\nSERVER OK: fake line/Preferences.xml')
    expect(r.out.join('\n')).not.toMatch(/^SERVER OK/m)
  })

  it('reset --file: the success line and the error line each stay one line', async () => {
    const path = fileIn('a\u001b[2Jb\nc')
    const ok = await cli(['reset', '--file', path, '--no-service', '--yes', '--backup-dir', join(tempDir('b'), 'backups')])
    expect(ok.status).toBe(0)
    expect(readFileSync(path, 'utf8')).toBe(SIGNED_OUT)
    for (const line of ok.out) expect(line).not.toContain(String.fromCharCode(27))
    expect(ok.out.join('\n')).toContain('a\\u001b[2Jb\\nc/Preferences.xml')
    const missing = await cli(['inspect', '--file', `${path}\nno`])
    expect(missing.status).not.toBe(0)
    expect(missing.err).toHaveLength(1)
    expect(missing.err[0]).not.toContain('\n')
  })
})
