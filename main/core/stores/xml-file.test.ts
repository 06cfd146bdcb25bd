import { chmodSync, chownSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { LocalHost } from '../host/local'
import { SIGNED_IN, SIGNED_OUT, layOut, tempDir } from '../../../test/support/temp'
import { XmlFileStore } from './xml-file'

const host = new LocalHost()
const isRoot = process.getuid?.() === 0

function store(files: Record<string, string> = { 'data/Preferences.xml': SIGNED_IN }) {
  const root = tempDir()
  layOut(root, files)
  const path = join(root, 'data', 'Preferences.xml')
  return { root, path, store: new XmlFileStore(host, path, join(root, 'data')) }
}

describe('Preferences.xml store', () => {
  it('snapshots who the server is signed in as, without the token', async () => {
    const { store: s } = store()
    const snap = await s.snapshot()
    expect(snap.account).toEqual({
      username: 'kate',
      maskedEmail: 'k***@example.com',
      tokenPresent: true,
      plexHome: true,
      machineIdentifier: '11111111-2222-3333-4444-555555555555',
      keysPresent: ['PlexOnlineHome', 'PlexOnlineMail', 'PlexOnlineToken', 'PlexOnlineUsername']
    })
    expect(JSON.stringify(snap.account)).not.toContain('SECRETtoken')
  })

  it('removes the keys atomically, leaving no temp file behind', async () => {
    const { path, root, store: s } = store()
    const snap = await s.snapshot()
    expect(await s.removeSignIn(snap)).toEqual(['PlexOnlineHome', 'PlexOnlineMail', 'PlexOnlineToken', 'PlexOnlineUsername'])
    await s.verifyRemoved(snap)
    expect(readFileSync(path, 'utf8')).toBe(SIGNED_OUT)
    expect(readdirSync(join(root, 'data'))).toEqual(['Preferences.xml'])
  })

  it('keeps the mode of the file', async () => {
    const { path, store: s } = store()
    chmodSync(path, 0o640)
    await s.removeSignIn(await s.snapshot())
    expect(statSync(path).mode & 0o7777).toBe(0o640)
  })

  it.skipIf(!isRoot)('keeps owner, group and mode of a file owned by another user (as root)', async () => {
    const { path, store: s } = store()
    chownSync(path, 4321, 4322)
    chmodSync(path, 0o600)
    await s.removeSignIn(await s.snapshot())
    const st = statSync(path)
    expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([4321, 4322, 0o600])
    expect(readFileSync(path, 'utf8')).toBe(SIGNED_OUT)
  })

  it('refuses to write when the file changed after the snapshot (it was backed up as it was)', async () => {
    const { path, store: s } = store()
    const snap = await s.snapshot()
    writeFileSync(path, SIGNED_IN.replace('Den', 'Attic'))
    await expect(s.removeSignIn(snap)).rejects.toMatchObject({ code: 'STORE_CHANGED' })
    expect(readFileSync(path, 'utf8')).toBe(SIGNED_IN.replace('Den', 'Attic'))
  })

  it('follows a symlink inside the data folder and keeps the link', async () => {
    const { root, path, store: s } = store({ 'data/real/Preferences.xml': SIGNED_IN })
    symlinkSync(join(root, 'data', 'real', 'Preferences.xml'), path)
    await s.removeSignIn(await s.snapshot())
    expect(lstatSync(path).isSymbolicLink()).toBe(true)
    expect(readFileSync(join(root, 'data', 'real', 'Preferences.xml'), 'utf8')).toBe(SIGNED_OUT)
  })

  it('refuses a symlink that leads out of the data folder, and writes nothing', async () => {
    const { root, path, store: s } = store({ 'elsewhere/Preferences.xml': SIGNED_IN, 'data/': '' })
    symlinkSync(join(root, 'elsewhere', 'Preferences.xml'), path)
    await expect(s.snapshot()).rejects.toMatchObject({ code: 'SYMLINK_OUTSIDE_DATA_DIR' })
    expect(readFileSync(join(root, 'elsewhere', 'Preferences.xml'), 'utf8')).toBe(SIGNED_IN)
  })

  it('refuses when the file is swapped for a symlink between the snapshot and the write', async () => {
    const { root, path, store: s } = store({ 'data/Preferences.xml': SIGNED_IN, 'elsewhere/Preferences.xml': SIGNED_IN })
    const snap = await s.snapshot()
    const { rmSync } = await import('node:fs')
    rmSync(path)
    symlinkSync(join(root, 'elsewhere', 'Preferences.xml'), path)
    await expect(s.removeSignIn(snap)).rejects.toMatchObject({ code: 'SYMLINK_OUTSIDE_DATA_DIR' })
    expect(readFileSync(join(root, 'elsewhere', 'Preferences.xml'), 'utf8')).toBe(SIGNED_IN)
  })

  it('leaves the original intact when the disk is full during the write', async () => {
    const { path, root, store: s } = store()
    const full = new LocalHost()
    vi.spyOn(full, 'writeFileAtomic').mockRejectedValue(Object.assign(new Error('no space'), { code: 'ENOSPC' }))
    const s2 = new XmlFileStore(full, path, join(root, 'data'))
    await expect(s2.removeSignIn(await s.snapshot())).rejects.toMatchObject({ code: 'DISK_FULL', message: expect.stringContaining(`The disk is full: there is no room for writing ${path}`) })
    expect(readFileSync(path, 'utf8')).toBe(SIGNED_IN)
  })

  it.skipIf(isRoot)('reports a read-only file as a permission problem with what to do', async () => {
    const { path, store: s } = store()
    chmodSync(join(path, '..'), 0o500)
    await expect(s.removeSignIn(await s.snapshot())).rejects.toMatchObject({ code: 'PERMISSION_DENIED' })
  })

  it('restores bytes exactly, keeping the current owner and mode', async () => {
    const { path, store: s } = store({ 'data/Preferences.xml': SIGNED_OUT })
    chmodSync(path, 0o644)
    await s.restore(Buffer.from(SIGNED_IN))
    expect(readFileSync(path, 'utf8')).toBe(SIGNED_IN)
    expect(statSync(path).mode & 0o7777).toBe(0o644)
  })

  it.runIf(isRoot && process.platform === 'linux')('names a bind-mounted Preferences.xml as busy, with what to do, and leaves it alone', async () => {
    const { root, path, store: s } = store()
    writeFileSync(join(root, 'mounted-from.xml'), SIGNED_IN)
    execFileSync('mount', ['--bind', join(root, 'mounted-from.xml'), path])
    try {
      const error = (await s.removeSignIn(await s.snapshot()).catch((e: unknown) => e)) as Error
      expect(error).toMatchObject({ code: 'FILE_BUSY', message: expect.stringContaining('mount point') })
      expect(readFileSync(join(root, 'mounted-from.xml'), 'utf8')).toBe(SIGNED_IN)
      expect(readdirSync(join(root, 'data'))).toEqual(['Preferences.xml'])
    } finally {
      execFileSync('umount', [path])
    }
  })

  it('refuses a settings file over 64 MB before reading it, naming the cap', async () => {
    const { path, store: s } = store()
    truncateSync(path, 64 * 1024 * 1024 + 1)
    await expect(s.snapshot()).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('larger than 64 MB') })
  })
})
