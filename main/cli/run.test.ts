import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { SIGNED_IN, SIGNED_OUT, layOut, tempDir } from '../../test/support/temp'
import { REAL_WORLD_DIR, expectedAfterReset } from '../../test/support/fixtures'
import { runCli } from './run'
import { testHooks } from '../../test/support/cli-hooks'

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (s) => void out.push(s), err: (s) => void err.push(s) }, testHooks())
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

function machine(files: Record<string, string> = { 'data/Preferences.xml': SIGNED_IN }) {
  const root = tempDir()
  layOut(root, files)
  return { root, file: join(root, 'data', 'Preferences.xml'), backups: join(root, 'backups') }
}

describe('plex-reclaim reset --no-service', () => {
  it('removes the keys, keeps a verified backup and says so', async () => {
    const m = machine()
    const r = await cli('reset', '--file', m.file, '--no-service', '--yes', '--backup-dir', m.backups)
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(r.stdout).toMatch(/Removed PlexOnlineHome, PlexOnlineMail, PlexOnlineToken, PlexOnlineUsername/)
    expect(readFileSync(m.file, 'utf8')).toBe(SIGNED_OUT)
    const list = JSON.parse((await cli('backups', '--backup-dir', m.backups, '--json')).stdout)
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ id: expect.any(String), createdAt: expect.any(String), target: { kind: 'preferences-xml', path: m.file }, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(readFileSync(join(m.backups, list[0].id, 'Preferences.xml'), 'utf8')).toBe(SIGNED_IN)
    expect(r.stdout + JSON.stringify(list)).not.toContain('SECRETtoken')
  })

  it('exits 0 and says so when there is nothing to remove, without a backup', async () => {
    const m = machine({ 'data/Preferences.xml': SIGNED_OUT })
    const r = await cli('reset', '--file', m.file, '--no-service', '--yes', '--backup-dir', m.backups)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Nothing to remove/m)
    // The run is journaled (runs/), but no backup was taken.
    expect(readdirSync(m.backups).filter((n) => n !== 'runs')).toEqual([])
  })

  it('--dry-run changes nothing', async () => {
    const m = machine()
    const r = await cli('reset', '--file', m.file, '--no-service', '--dry-run', '--json', '--backup-dir', m.backups)
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'dry-run', removed: ['PlexOnlineHome', 'PlexOnlineMail', 'PlexOnlineToken', 'PlexOnlineUsername'], backup: null })
    expect(readFileSync(m.file, 'utf8')).toBe(SIGNED_IN)
  })

  it('needs --yes', async () => {
    const m = machine()
    const r = await cli('reset', '--file', m.file, '--no-service', '--backup-dir', m.backups)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^plex-reclaim: .*Add --yes/)
    expect(readFileSync(m.file, 'utf8')).toBe(SIGNED_IN)
  })

  it('refuses while the pid file names a live process, unless --force', async () => {
    const m = machine({ 'data/Preferences.xml': SIGNED_IN, 'data/plexmediaserver.pid': `${process.pid}\n` })
    const r = await cli('reset', '--file', m.file, '--no-service', '--yes', '--backup-dir', m.backups)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/appears to be running \(pid \d+/)
    expect(readFileSync(m.file, 'utf8')).toBe(SIGNED_IN)
    expect((await cli('reset', '--file', m.file, '--no-service', '--yes', '--force', '--backup-dir', m.backups)).code).toBe(0)
  })

  it('ignores a stale pid file', async () => {
    const m = machine({ 'data/Preferences.xml': SIGNED_IN, 'data/plexmediaserver.pid': '999999999\n' })
    expect((await cli('reset', '--file', m.file, '--no-service', '--yes', '--backup-dir', m.backups)).code).toBe(0)
  })

  it('refuses the malformed real-world file (40) and leaves it untouched', async () => {
    const m = machine({ 'data/': '' })
    const name = readdirSync(REAL_WORLD_DIR).find((n) => n.startsWith('40-'))!
    copyFileSync(join(REAL_WORLD_DIR, name), m.file)
    const before = readFileSync(m.file)
    const r = await cli('reset', '--file', m.file, '--no-service', '--yes', '--backup-dir', m.backups)
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('plex-reclaim: The file is not well-formed XML (2:116: duplicate attribute: ManualPortMappingMode). Restore it from a backup or fix it by hand; nothing was changed.')
    expect(readFileSync(m.file).equals(before)).toBe(true)
    expect(existsSync(m.backups)).toBe(false)
  })

  it('every other real-world file ends as the expected bytes', async () => {
    for (const name of readdirSync(REAL_WORLD_DIR).filter((n) => n.endsWith('.xml') && !n.startsWith('40-'))) {
      const m = machine({ 'data/': '' })
      copyFileSync(join(REAL_WORLD_DIR, name), m.file)
      const original = readFileSync(m.file)
      const r = await cli('reset', '--file', m.file, '--no-service', '--yes', '--backup-dir', m.backups)
      expect(r.code, name).toBe(0)
      expect(readFileSync(m.file).equals(expectedAfterReset(original)), name).toBe(true)
    }
  })
})

describe('a relative --file', () => {
  it('is stored as an absolute path in the backup and the journal', async () => {
    const m = machine()
    const cwd = process.cwd()
    process.chdir(m.root)
    try {
      expect((await cli('reset', '--file', 'data/Preferences.xml', '--no-service', '--yes', '--backup-dir', m.backups)).code).toBe(0)
    } finally {
      process.chdir(cwd)
    }
    const [backup] = JSON.parse((await cli('backups', '--backup-dir', m.backups, '--json')).stdout)
    expect(backup.target).toMatchObject({ kind: 'preferences-xml', path: m.file })
  })
})

describe('plex-reclaim restore', () => {
  it('puts a backup back after backing up the current state', async () => {
    const m = machine()
    await cli('reset', '--file', m.file, '--no-service', '--yes', '--backup-dir', m.backups)
    const [backup] = JSON.parse((await cli('backups', '--backup-dir', m.backups, '--json')).stdout)
    const r = await cli('restore', backup.id, '--no-service', '--yes', '--backup-dir', m.backups)
    expect(r.code).toBe(0)
    expect(readFileSync(m.file, 'utf8')).toBe(SIGNED_IN)
    const after = JSON.parse((await cli('backups', '--backup-dir', m.backups, '--json')).stdout)
    expect(after.map((b: { reason: string }) => b.reason).sort()).toEqual(['pre-restore', 'reset'])
  })

  it('refuses a backup whose sha256 no longer matches, and changes nothing', async () => {
    const m = machine()
    await cli('reset', '--file', m.file, '--no-service', '--yes', '--backup-dir', m.backups)
    const [backup] = JSON.parse((await cli('backups', '--backup-dir', m.backups, '--json')).stdout)
    writeFileSync(join(m.backups, backup.id, 'Preferences.xml'), SIGNED_IN.replace('kate', 'eve'))
    const r = await cli('restore', backup.id, '--no-service', '--yes', '--backup-dir', m.backups)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/no longer matches its sha256/)
    expect(readFileSync(m.file, 'utf8')).toBe(SIGNED_OUT)
  })

  it('keeps the raw bytes of a damaged file before restoring over it', async () => {
    const m = machine()
    await cli('reset', '--file', m.file, '--no-service', '--yes', '--backup-dir', m.backups)
    const [backup] = JSON.parse((await cli('backups', '--backup-dir', m.backups, '--json')).stdout)
    // A real data folder holds more than the settings; a damaged file is put right only in one.
    layOut(m.root, { 'data/Plug-in Support/': '' })
    writeFileSync(m.file, '<Preferences A="1" PlexOnline')
    expect((await cli('restore', backup.id, '--no-service', '--yes', '--backup-dir', m.backups)).code).toBe(0)
    expect(readFileSync(m.file, 'utf8')).toBe(SIGNED_IN)
    const all = JSON.parse((await cli('backups', '--backup-dir', m.backups, '--json')).stdout) as Array<{ id: string; reason: string }>
    const pre = all.find((b) => b.reason === 'pre-restore')!
    expect(readFileSync(join(m.backups, pre.id, 'Preferences.xml'), 'utf8')).toBe('<Preferences A="1" PlexOnline')
  })

  it('names an unknown backup', async () => {
    const r = await cli('restore', '20200101-000000-aaaaaa', '--no-service', '--yes', '--backup-dir', tempDir())
    expect(r).toMatchObject({ code: 1, stderr: expect.stringMatching(/No backup 20200101-000000-aaaaaa/) })
  })
})

describe('plex-reclaim inspect and usage', () => {
  it('inspects a Preferences.xml without showing the token', async () => {
    const m = machine()
    const r = await cli('inspect', '--file', m.file, '--json')
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'preferences-xml', account: { username: 'kate', maskedEmail: 'k***@example.com', tokenPresent: true } })
    expect(r.stdout).not.toContain('SECRETtoken')
  })

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['reset', '--bogus'], /Unknown option '--bogus'/],
    [['inspect'], /inspect needs --file PATH/]
  ])('%j is a usage error (exit 2) with one line on stderr', async (argv, message) => {
    const r = await cli(...argv)
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(message)
  })
})

describe('the built CLI', () => {
  const bin = join(import.meta.dirname, '..', '..', 'out', 'node', 'cli.js')
  beforeAll(() => {
    expect(existsSync(bin)).toBe(true) // built by the global setup
  })

  it('prints one line and no stack trace for a missing file', () => {
    const r = spawnSync(process.execPath, [bin, 'reset', '--file', '/nonexistent/Preferences.xml', '--no-service', '--yes'], { encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(r.stderr).toBe('plex-reclaim: No Preferences.xml at /nonexistent/Preferences.xml. Point at the file itself, or at the Plex Media Server data folder that holds it.\n')
    expect(r.stdout).toBe('')
  })

  it('runs a reset end to end', () => {
    const m = machine()
    const r = spawnSync(process.execPath, [bin, 'reset', '--file', m.file, '--no-service', '--yes', '--backup-dir', m.backups, '--json'], { encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'removed', backup: { sha256: expect.any(String) } })
    expect(readFileSync(m.file, 'utf8')).toBe(SIGNED_OUT)
  })
})
