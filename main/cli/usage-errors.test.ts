import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SIGNED_IN, tempDir } from '../../test/support/temp'
import { runCli } from './run'

/** What was typed wrong is a usage error (exit 2) that names it, and nothing is written. */
async function cli(args: string[]): Promise<{ status: number; err: string; out: string }> {
  const out: string[] = []
  const err: string[] = []
  const status = await runCli(args, { out: (l) => void out.push(l), err: (l) => void err.push(l) })
  return { status, err: err.join('\n'), out: out.join('\n') }
}

function file(): string {
  const path = join(tempDir('usage'), 'Preferences.xml')
  writeFileSync(path, SIGNED_IN)
  return path
}

describe('usage errors', () => {
  it('--backup-dir "" is refused, not taken as the current folder', async () => {
    const path = file()
    const r = await cli(['reset', '--file', path, '--no-service', '--yes', '--backup-dir', ''])
    expect(r.status).toBe(2)
    expect(r.err).toMatch(/--backup-dir takes a folder, not an empty name/)
    expect(readFileSync(path, 'utf8')).toBe(SIGNED_IN)
  })

  it.each(['0x50', ' 80', '8e1', '80.0', '+80'])('--port %j is refused, not read as port 80', async (port) => {
    const r = await cli(['status', '--port', port])
    expect(r.status).toBe(2)
    expect(r.err).toContain(`--port takes a port number (1 to 65535), not "${port}"`)
  })

  it('a malformed claim token is a usage error (exit 2)', async () => {
    const r = await cli(['claim', '--token', 'claim-12 34!', '--root', tempDir('empty')])
    expect(r.err).toMatch(/does not look like a claim token/)
    expect(r.status).toBe(2)
  })

  it('an option without its value: one full stop, not two', async () => {
    const r = await cli(['status', '--port', '--json'])
    expect(r.status).toBe(2)
    expect(r.err).not.toMatch(/\.\./)
  })
})

describe('a runs folder that cannot be read', () => {
  it('is said on start (a cut-off run there would be missed), not taken as "no runs"', async () => {
    const backups = join(tempDir('runs'), 'backups')
    mkdirSync(backups, { mode: 0o700 })
    writeFileSync(join(backups, 'runs'), 'not a folder', { mode: 0o600 })
    const r = await cli(['backups', '--backup-dir', backups])
    expect(r.err).toMatch(/The runs folder .*runs cannot be read \(ENOTDIR: it is not a folder\).*cut off/)
  })
})
