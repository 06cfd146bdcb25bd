import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SIGNED_IN, tempDir } from '../../../test/support/temp'
import { runCli } from '../../cli/run'
import { LocalHost } from '../host/local'
import { openBackupFolder } from './folder-trust'
import { BackupStore } from './store'

const host = new LocalHost()
const posix = process.platform !== 'win32'
const asRoot = process.getuid?.() === 0
const OTHER = 45678 // a uid no account uses
const unsafe = { code: 'BACKUP_FOLDER_UNSAFE' }

const modeOf = (p: string): number => statSync(p).mode & 0o7777

describe.runIf(posix)('the backup folder is a trust boundary', () => {
  it('creates a missing folder and its missing parents 0700, and keeps the known hosts and client id inside it', async () => {
    const base = tempDir()
    const folder = await openBackupFolder(host, join(base, 'state', 'plex-reclaim', 'backups'))
    expect(folder.dir).toBe(join(base, 'state', 'plex-reclaim', 'backups'))
    for (const p of ['state', 'state/plex-reclaim', 'state/plex-reclaim/backups']) expect(modeOf(join(base, p))).toBe(0o700)
    expect(folder.knownHostsPath).toBe(join(folder.dir, 'known_hosts.json'))
    expect(folder.clientIdPath).toBe(join(folder.dir, 'client-id'))
  })

  it('accepts a private folder under a root-owned sticky folder such as /tmp, and leaves its mode alone', async () => {
    const dir = tempDir()
    chmodSync(dir, 0o750)
    await openBackupFolder(host, dir)
    expect(modeOf(dir)).toBe(0o750)
  })

  it('refuses an existing folder others can write (1777) and never chmods it', async () => {
    const dir = join(tempDir(), 'x')
    mkdirSync(dir)
    chmodSync(dir, 0o1777)
    await expect(openBackupFolder(host, dir)).rejects.toMatchObject({ ...unsafe, message: expect.stringMatching(/all users share \(mode 1777, like \/tmp\).*Choose a backup folder that only you/) })
    await expect(openBackupFolder(host, dir)).rejects.not.toMatchObject({ message: expect.stringContaining('chmod') })
    expect(modeOf(dir)).toBe(0o1777)
  })

  it('/tmp itself, or a link to it: advises another folder, never a chmod that breaks every other user', async () => {
    const link = join(tempDir(), 'to-tmp')
    symlinkSync('/tmp', link)
    for (const dir of ['/tmp', link]) {
      const error = await openBackupFolder(host, dir).then(() => null, (e: unknown) => e as Error)
      expect(error).toMatchObject(unsafe)
      expect(error!.message).not.toMatch(/chmod|Remove it/)
      expect(error!.message).toMatch(/Choose a backup folder that only you/)
    }
    expect(modeOf('/tmp')).toBe(0o1777)
  })

  it('refuses through a link too, and leaves the link target as it was', async () => {
    const base = tempDir()
    mkdirSync(join(base, 'shared'))
    chmodSync(join(base, 'shared'), 0o1777)
    symlinkSync(join(base, 'shared'), join(base, 'link'))
    await expect(openBackupFolder(host, join(base, 'link'))).rejects.toMatchObject(unsafe)
    expect(modeOf(join(base, 'shared'))).toBe(0o1777)
  })

  it('follows a safe link above the folder and answers with the real path', async () => {
    const base = tempDir()
    mkdirSync(join(base, 'real'))
    symlinkSync(join(base, 'real'), join(base, 'state'))
    const folder = await openBackupFolder(host, join(base, 'state', 'backups'))
    expect(folder.dir).toBe(join(base, 'real', 'backups'))
    expect(modeOf(folder.dir)).toBe(0o700)
  })

  it('refuses a folder under a parent that others can write and that is not sticky', async () => {
    const base = tempDir()
    mkdirSync(join(base, 'open'))
    chmodSync(join(base, 'open'), 0o777)
    await expect(openBackupFolder(host, join(base, 'open', 'backups'))).rejects.toMatchObject({ ...unsafe, message: expect.stringContaining('above it') })
    expect(statSync(join(base, 'open')).mode & 0o777).toBe(0o777)
  })

  it('refuses a folder that belongs to someone else (seen as that someone else)', async () => {
    const dir = tempDir()
    await expect(openBackupFolder(host, dir, { uid: OTHER })).rejects.toMatchObject({ ...unsafe, message: expect.stringContaining('belongs to another user') })
  })

  it.runIf(asRoot)('refuses, as root, a folder another user owns, or anything below it another user owns', async () => {
    const dir = tempDir()
    chownSync(dir, OTHER, OTHER)
    await expect(openBackupFolder(host, dir)).rejects.toMatchObject(unsafe)
    const mine = tempDir()
    mkdirSync(join(mine, '20260101-000000-abcdef'))
    writeFileSync(join(mine, '20260101-000000-abcdef', 'manifest.json'), '{}')
    chownSync(join(mine, '20260101-000000-abcdef', 'manifest.json'), OTHER, OTHER)
    await expect(openBackupFolder(host, mine)).rejects.toMatchObject({ ...unsafe, message: expect.stringContaining('manifest.json belongs to another user') })
  })

  it('refuses a symbolic link inside the folder instead of following it', async () => {
    const dir = tempDir()
    symlinkSync('/etc', join(dir, 'runs'))
    await expect(openBackupFolder(host, dir)).rejects.toMatchObject({ ...unsafe, message: expect.stringContaining('symbolic link') })
  })

  it('refuses a folder holding something others can write', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'known_hosts.json'), '{}')
    chmodSync(join(dir, 'known_hosts.json'), 0o666)
    await expect(openBackupFolder(host, dir)).rejects.toMatchObject(unsafe)
  })

  it('is checked by the backup store before its first use', async () => {
    const dir = join(tempDir(), 'x')
    mkdirSync(dir)
    chmodSync(dir, 0o1777)
    await expect(new BackupStore(dir, host).list()).rejects.toMatchObject(unsafe)
  })

  it('reset --backup-dir with a 1777 folder: refused with one line, the folder and the settings untouched', async () => {
    const base = tempDir()
    const file = join(base, 'Preferences.xml')
    writeFileSync(file, SIGNED_IN)
    const shared = join(base, 'x')
    mkdirSync(shared)
    chmodSync(shared, 0o1777)
    const err: string[] = []
    const status = await runCli(['reset', '--file', file, '--no-service', '--yes', '--backup-dir', shared], { out: () => undefined, err: (l) => err.push(l) })
    expect(status).toBe(1)
    expect(err.join('\n')).toMatch(/^plex-reclaim: The backup folder .*x is not safe to use: .*x is a folder all users share/)
    expect(modeOf(shared)).toBe(0o1777)
    expect(readFileSync(file, 'utf8')).toBe(SIGNED_IN)
  })
})
