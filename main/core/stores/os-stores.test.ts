import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build, parse } from 'plist'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BackupStore } from '../backups/store'
import { LocalHost } from '../host/local'
import { runReset, runRestore } from '../engine/index'
import { engineContext } from '../../../test/support/engine'
import { standInsOnPath } from '../../../test/standins/path'
import { standInRegistryClient } from '../../../test/standins/registry-client'
import { tempDir } from '../../../test/support/temp'
import { inspectSettingsFile } from './inspect-file'
import { MacDefaultsStore } from './macos-defaults'
import { WindowsRegistryStore } from './windows-registry'

const host = new LocalHost()
/** The engine in --no-service mode on a store, as the CLI runs it; the backup's manifest with it. */
async function reset(store: Parameters<typeof engineContext>[0], backups: BackupStore) {
  const r = await runReset(engineContext(store, backups.dir))
  return { removed: r.removed, backup: (await backups.get(r.journal.backupId!)).manifest }
}
const restore = (store: Parameters<typeof engineContext>[0], backups: BackupStore, id: string) => runRestore(engineContext(store, backups.dir), id)
let undo: () => void
beforeAll(() => (undo = standInsOnPath(['defaults', 'reg'])))
afterAll(() => undo())

describe('macOS preferences domain through defaults', () => {
  function domain(values: Record<string, string>) {
    const dir = tempDir()
    process.env.STANDIN_DEFAULTS_DIR = dir
    writeFileSync(join(dir, 'com.plexapp.plexmediaserver.plist'), build(values))
    return { file: join(dir, 'com.plexapp.plexmediaserver.plist'), backups: new BackupStore(join(dir, 'backups'), host) }
  }
  const signedIn = { MachineIdentifier: 'mac-1', ProcessedMachineIdentifier: 'p'.repeat(40), PlexOnlineToken: 'SECRET', PlexOnlineUsername: 'kate', PlexOnlineMail: 'kate@example.com', FriendlyName: 'iMac' }

  it('backs up with defaults export, deletes each key with defaults delete, keeps everything else', async () => {
    const { file, backups } = domain(signedIn)
    const outcome = await reset(new MacDefaultsStore(host), backups)
    expect(outcome.removed).toEqual(['PlexOnlineMail', 'PlexOnlineToken', 'PlexOnlineUsername'])
    expect(parse(readFileSync(file, 'utf8'))).toEqual({ MachineIdentifier: 'mac-1', ProcessedMachineIdentifier: 'p'.repeat(40), FriendlyName: 'iMac' })
    const { payload } = await backups.readVerified(outcome.backup.id)
    expect(parse(payload.toString('utf8'))).toEqual(signedIn)
    expect(outcome.backup.fileName).toBe('com.plexapp.plexmediaserver.plist')
  })

  it('restores with defaults import', async () => {
    const { file, backups } = domain(signedIn)
    const store = new MacDefaultsStore(host)
    const { backup } = await reset(store, backups)
    await restore(store, backups, backup.id)
    expect(parse(readFileSync(file, 'utf8'))).toEqual(signedIn)
  })

  it('names a missing domain in the words of defaults', async () => {
    process.env.STANDIN_DEFAULTS_DIR = tempDir()
    await expect(new MacDefaultsStore(host).snapshot()).rejects.toMatchObject({ code: 'TOOL_FAILED', message: '"defaults" could not export com.plexapp.plexmediaserver: Domain com.plexapp.plexmediaserver does not exist' })
  })

  it('inspects an exported plist', async () => {
    const { file } = domain(signedIn)
    expect(await inspectSettingsFile(host, file)).toMatchObject({ kind: 'plist', account: { username: 'kate', maskedEmail: 'k***@example.com', tokenPresent: true } })
  })
})

describe('Windows registry through reg and regedit', () => {
  const KEY = 'HKCU\\Software\\Plex, Inc.\\Plex Media Server'
  function registry() {
    const dir = tempDir()
    const file = join(dir, 'registry.json')
    process.env.STANDIN_REGISTRY_FILE = file
    writeFileSync(
      file,
      JSON.stringify({
        'HKEY_CURRENT_USER\\Software\\Plex, Inc.\\Plex Media Server': {
          MachineIdentifier: { type: 'REG_SZ', value: 'win-1' },
          PlexOnlineToken: { type: 'REG_SZ', value: 'SECRET' },
          PlexOnlineUsername: { type: 'REG_SZ', value: 'kate' },
          PlexOnlineHome: { type: 'REG_SZ', value: '1' },
          AcceptedEULA: { type: 'REG_DWORD', value: 1 }
        }
      })
    )
    const load = () => JSON.parse(readFileSync(file, 'utf8'))['HKEY_CURRENT_USER\\Software\\Plex, Inc.\\Plex Media Server']
    return { file, load, backups: new BackupStore(join(dir, 'backups'), host), store: new WindowsRegistryStore(host, standInRegistryClient(file), KEY) }
  }

  it('exports a .reg backup, deletes only the sign-in values, and restores with reg import', async () => {
    const r = registry()
    const outcome = await reset(r.store, r.backups)
    expect(outcome.removed).toEqual(['PlexOnlineHome', 'PlexOnlineToken', 'PlexOnlineUsername'])
    expect(Object.keys(r.load()).sort()).toEqual(['AcceptedEULA', 'MachineIdentifier'])
    const { payload } = await r.backups.readVerified(outcome.backup.id)
    expect([...payload.subarray(0, 2)]).toEqual([0xff, 0xfe])
    expect(payload.subarray(2).toString('utf16le')).toMatch(/^Windows Registry Editor Version 5\.00\r\n\r\n\[HKEY_CURRENT_USER\\Software\\Plex, Inc\.\\Plex Media Server\]/)
    await restore(r.store, r.backups, outcome.backup.id)
    expect(r.load()).toMatchObject({ PlexOnlineToken: { value: 'SECRET' }, PlexOnlineUsername: { value: 'kate' }, AcceptedEULA: { value: 1 } })
  })

  it('inspects a .reg export', async () => {
    const r = registry()
    const dir = tempDir()
    const snapshot = await r.store.snapshot()
    writeFileSync(join(dir, 'x.reg'), snapshot.payload)
    expect(await inspectSettingsFile(host, join(dir, 'x.reg'))).toMatchObject({ kind: 'reg', account: { username: 'kate', tokenPresent: true, plexHome: true, machineIdentifier: 'win-1' } })
  })

  it('says reg could not find the key', async () => {
    const r = registry()
    const store = new WindowsRegistryStore(host, standInRegistryClient(r.file), 'HKCU\\Software\\Nope')
    await expect(store.snapshot()).rejects.toMatchObject({ code: 'TOOL_FAILED', message: expect.stringContaining('ERROR: The system was unable to find the specified registry key or value.') })
  })

  it('says when reg is not on PATH', async () => {
    const saved = process.env.PATH
    process.env.PATH = tempDir()
    try {
      mkdirSync(process.env.PATH, { recursive: true })
      await expect(registry().store.snapshot()).rejects.toMatchObject({ code: 'TOOL_MISSING' })
    } finally {
      process.env.PATH = saved
    }
  })
})
