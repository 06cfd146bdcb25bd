import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalHost } from '../host/local'
import { tempDir } from '../../../test/support/temp'
import { defaultBackupDir } from './location'
import { BackupStore, sha256 } from './store'

const host = new LocalHost()
const meta = {
  reason: 'reset' as const,
  platform: 'linux',
  installType: 'linux-package',
  appVersion: '0.1.0',
  target: { kind: 'preferences-xml' as const, path: '/var/lib/x/Preferences.xml', dataDir: '/var/lib/x' },
  fileName: 'Preferences.xml',
  account: { username: 'kate', maskedEmail: 'k***@example.com' },
  keysPresent: ['PlexOnlineToken' as const],
  host: { kind: 'local' as const },
  installationId: null
}

describe('backups', () => {
  it('keeps the exact bytes with a manifest, user-only (0600 in 0700)', async () => {
    const dir = join(tempDir(), 'backups')
    const store = new BackupStore(dir, host)
    const payload = Buffer.from('<Preferences PlexOnlineToken="t"/>')
    const { manifest, payloadPath, dir: folder } = await store.create(payload, meta, new Date('2026-11-28T10:00:00Z'))
    expect(manifest).toMatchObject({ format: 2, createdAt: '2026-11-28T10:00:00.000Z', sha256: sha256(payload), size: payload.length, ...meta })
    expect(manifest.id).toMatch(/^20261128-100000-[0-9a-f]{6}$/)
    expect(readFileSync(payloadPath).equals(payload)).toBe(true)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(folder).mode & 0o777).toBe(0o700)
    expect(statSync(payloadPath).mode & 0o777).toBe(0o600)
    expect(statSync(join(folder, 'manifest.json')).mode & 0o777).toBe(0o600)
  })

  it('lists newest first and verifies', async () => {
    const store = new BackupStore(tempDir(), host)
    const a = await store.create(Buffer.from('a'), meta, new Date('2026-01-01T00:00:00Z'))
    const b = await store.create(Buffer.from('b'), meta, new Date('2026-02-01T00:00:00Z'))
    expect((await store.list()).map((m) => m.id)).toEqual([b.manifest.id, a.manifest.id])
    expect((await store.readVerified(a.manifest.id)).payload.toString()).toBe('a')
  })

  it('refuses a backup whose sha256 no longer matches', async () => {
    const store = new BackupStore(tempDir(), host)
    const { manifest, payloadPath } = await store.create(Buffer.from('original'), meta)
    writeFileSync(payloadPath, 'tampered')
    await expect(store.readVerified(manifest.id)).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' })
  })

  it('fails the backup, and leaves nothing half-written, when it does not read back identically', async () => {
    const dir = tempDir()
    const liar = new LocalHost()
    liar.readFile = async () => Buffer.from('something else')
    await expect(new BackupStore(dir, liar).create(Buffer.from('x'), meta)).rejects.toMatchObject({ code: 'BACKUP_FAILED' })
    expect(await new BackupStore(dir, host).list()).toEqual([])
  })

  it('names an unknown id and a malformed id clearly', async () => {
    const store = new BackupStore(tempDir(), host)
    await expect(store.get('20260101-000000-abcdef')).rejects.toMatchObject({ code: 'BACKUP_NOT_FOUND' })
    await expect(store.get('../../etc')).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('skips a damaged manifest in the list', async () => {
    const store = new BackupStore(tempDir(), host)
    const { dir } = await store.create(Buffer.from('x'), meta)
    writeFileSync(join(dir, 'manifest.json'), '{"format":1')
    expect(await store.list()).toEqual([])
  })

  it('defaults to a per-user folder on each OS', () => {
    expect(defaultBackupDir('linux', {}, '/home/kate')).toBe('/home/kate/.local/state/plex-reclaim/backups')
    expect(defaultBackupDir('linux', { XDG_STATE_HOME: '/x' }, '/home/kate')).toBe('/x/plex-reclaim/backups')
    expect(defaultBackupDir('darwin', {}, '/Users/kate')).toBe('/Users/kate/Library/Application Support/Plex Reclaim/backups')
    expect(defaultBackupDir('win32', { LOCALAPPDATA: 'C:\\Users\\kate\\AppData\\Local' }, 'C:\\Users\\kate')).toContain('Plex Reclaim')
  })
})
