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

/**
 * Issue 25 item 5: a TrueNAS CORE jail with its own network stack (iocage vnet=on; iocage's
 * networking documentation: a VNET jail has its own interfaces and lo0) does not listen on the
 * host's 127.0.0.1. `iocage get vnet JAIL` prints the property's value ("on"/"off").
 */
describe('preflight: a VNET jail', () => {
  const run = async (vnet: string) => {
    const dir = tempDir('plex-preflight-jail')
    writeFileSync(join(dir, 'Preferences.xml'), SIGNED_IN)
    const local = new LocalHost()
    const host = Object.assign(Object.create(local) as Host, {
      which: async (p: string) => (p === 'iocage' ? '/usr/local/bin/iocage' : local.which(p)),
      exec: async (program: string, args: readonly string[]) => (program === 'iocage' ? { exitCode: 0, stdout: `${vnet}\n`, stderr: '', notFound: false, timedOut: false } : local.exec(program, args))
    })
    const { checks } = await preflight({ host, localHost: local, store: new XmlFileStore(local, join(dir, 'Preferences.xml'), dir), backupDir: join(dir, 'backups'), server: { control: { kind: 'iocage', jail: 'plex', service: 'plexmediaserver' }, pidFile: null, port: 9 } })
    return checks.filter((c) => c.id === 'server-api')
  }

  it('vnet=on: refused before anything changes, with what to do', async () => {
    const [api] = await run('on')
    expect(api).toMatchObject({ ok: false, warning: false })
    expect(api!.message).toMatch(/jail plex has its own network \(VNET\).*127\.0\.0\.1.*--file PATH --no-service/s)
  })

  it('vnet=off (a shared-IP jail): no refusal', async () => {
    expect(await run('off')).toEqual([])
  })
})
