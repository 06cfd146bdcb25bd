import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalHost } from '../host/local'
import type { Host } from '../host/types'
import { XmlFileStore } from '../stores/xml-file'
import { SIGNED_IN, tempDir } from '../../../test/support/temp'
import { preflight } from './preflight'

/**
 * Issue 25 item 4: a Windows tray install with no Plex Media Server.exe found (no InstallFolder in
 * HKCU, HKLM or WOW6432Node, none in Program Files) has no start command; the run would leave the
 * server stopped. The preflight refuses it before anything changes, as it does a missing stop command.
 */
describe('preflight: a start command is required as a stop command is', () => {
  it('no start command: refused, saying the server would be left stopped and what to do', async () => {
    const dir = tempDir('plex-preflight-start')
    writeFileSync(join(dir, 'Preferences.xml'), SIGNED_IN)
    const local = new LocalHost()
    // taskkill is there (the stop command); nothing else about this host matters here.
    const host = Object.assign(Object.create(local) as Host, { which: async (p: string) => (p === 'taskkill' ? 'C:\\Windows\\System32\\taskkill.exe' : local.which(p)) })
    const { checks } = await preflight({ host, localHost: local, store: new XmlFileStore(local, join(dir, 'Preferences.xml'), dir), backupDir: join(dir, 'backups'), server: { control: { kind: 'windows-tray', installFolder: null }, pidFile: null, port: 9 } })
    const control = checks.filter((c) => c.id === 'server-control')
    expect(control.some((c) => !c.ok && !c.warning && /no Plex Media Server\.exe was found to start.*left stopped.*--no-service/s.test(c.message))).toBe(true)
  })
})
