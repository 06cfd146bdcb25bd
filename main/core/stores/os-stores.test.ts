import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build, parse } from 'plist'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BackupStore } from '../backups/store'
import { LocalHost } from '../host/local'
import { runReset, runRestore } from '../engine/index'
import { engineContext } from '../../../test/support/engine'
import { standInsOnPath } from '../../../test/standins/path'
import { tempDir } from '../../../test/support/temp'
import { inspectSettingsFile } from './inspect-file'
import { MacDefaultsStore } from './macos-defaults'

const host = new LocalHost()
/** The engine in --no-service mode on a store, as the CLI runs it; the backup's manifest with it. */
async function reset(store: Parameters<typeof engineContext>[0], backups: BackupStore) {
  const r = await runReset(engineContext(store, backups.dir))
  return { removed: r.removed, backup: (await backups.get(r.journal.backupId!)).manifest }
}
const restore = (store: Parameters<typeof engineContext>[0], backups: BackupStore, id: string) => runRestore(engineContext(store, backups.dir), id)
let undo: () => void
beforeAll(() => (undo = standInsOnPath(['defaults'])))
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
