import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { LocalHost } from '../host/local'
import type { Host } from '../host/types'
import { standInsOnPath } from '../../../test/standins/path'
import { tempDir } from '../../../test/support/temp'
import { cacheDir, ensurePrefix, startWine, stopWine, wine, wineEnv, wineMissing, winPath } from '../../../test/real/wine'
import { windowsCandidates } from './windows'
import { loadHive, unloadHive } from '../stores/registry-hive'
import { WindowsRegistryStore } from '../stores/windows-registry'

/**
 * Issue 25 items 3 and 4 against Wine 8's real reg.exe (its registry laid out as the cited
 * documents describe; reg query /f comes from the reg stand-in, which Wine lacks):
 * - PlexDBRepair's DBRepair-Windows.bat looks for InstallFolder in HKCU, then HKLM, then in
 *   %PROGRAMFILES% and %PROGRAMFILES(X86)%; a 32-bit installer's HKLM key is under WOW6432Node
 *   (learn.microsoft.com, "Registry Redirector").
 * - cjmurph/PmsService installs the service PlexService (ImagePath ...\PlexService.exe) whose
 *   PmsMonitor starts Plex Media Server as the service's account and starts it again after it
 *   exits; the service's data never names Plex Media Server.exe.
 * - ProfileList (HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList\SID) holds
 *   ProfileImagePath for S-1-5-19 and S-1-5-20 too (LocalService, NetworkService).
 */
const missing = wineMissing()
// A prefix of its own: windows-wine.test.ts runs beside this file in another worker, and each
// file's afterAll ends its prefix's wineserver (and seeds HKCU and HKLM its own way).
const PREFIX = join(cacheDir, 'wine-prefix-layouts')
const HKLM = 'HKEY_LOCAL_MACHINE'
const PLEX = 'Software\\Plex, Inc.\\Plex Media Server'
const SERVICES = `${HKLM}\\SYSTEM\\CurrentControlSet\\Services`
const PROFILES = `${HKLM}\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList`
const GONE = [`HKEY_CURRENT_USER\\Software\\Plex, Inc.`, `${HKLM}\\SOFTWARE\\Plex, Inc.`, `${HKLM}\\SOFTWARE\\WOW6432Node\\Plex, Inc.`, `${SERVICES}\\PlexService`, `${SERVICES}\\PlexLocal`, `${PROFILES}\\S-1-5-19`]

function importText(lines: string[]): void {
  const text = ['Windows Registry Editor Version 5.00', '', ...GONE.flatMap((k) => [`[-${k}]`, '']), ...lines, '', ''].join('\r\n')
  const file = join(tempDir(), 'layout.reg')
  writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
  const r = wine(['reg', 'import', winPath(file)], { env: wineEnv(PREFIX) })
  if (r.status !== 0) throw new Error(`reg import failed: ${r.out}`)
}
const esc = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')
const hkcuPlex = (extra: string[] = []): string[] => [`[HKEY_CURRENT_USER\\${PLEX}]`, '"MachineIdentifier"="m-1"', ...extra, '']

describe.skipIf(missing !== null)(`Windows layouts with Wine's real reg.exe${missing ? ` (skipped: ${missing})` : ''}`, { timeout: 120_000 }, () => {
  let undo: () => void
  beforeAll(() => {
    ensurePrefix(PREFIX)
    startWine(PREFIX)
    Object.assign(process.env, { WINEPREFIX: PREFIX, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' })
    undo = standInsOnPath(['reg', 'powershell'])
  }, 240_000)
  afterAll(() => {
    importText([])
    undo?.()
    stopWine(PREFIX)
  })
  beforeEach(() => importText([]))

  const tray = async (host: Host = new LocalHost(), env: NodeJS.ProcessEnv = {}) => (await windowsCandidates(host, env)).find((c) => c.key.startsWith('HKCU'))

  it('item 4: no InstallFolder in HKCU: HKLM\'s is the start command\'s folder', async () => {
    importText([...hkcuPlex(), `[${HKLM}\\SOFTWARE\\Plex, Inc.\\Plex Media Server]`, `"InstallFolder"="${esc('D:\\Apps\\Plex\\Plex Media Server')}"`])
    expect((await tray())?.control).toEqual({ kind: 'windows-tray', installFolder: 'D:\\Apps\\Plex\\Plex Media Server' })
  })

  it('item 4: a 32-bit install\'s key under WOW6432Node', async () => {
    importText([...hkcuPlex(), `[${HKLM}\\SOFTWARE\\WOW6432Node\\Plex, Inc.\\Plex Media Server]`, `"InstallFolder"="${esc('C:\\Program Files (x86)\\Plex\\Plex Media Server')}"`])
    expect((await tray())?.control).toEqual({ kind: 'windows-tray', installFolder: 'C:\\Program Files (x86)\\Plex\\Plex Media Server' })
  })

  it('item 4: no key names it: %PROGRAMFILES(X86)% where Plex Media Server.exe is there', async () => {
    importText(hkcuPlex())
    const seen: string[] = []
    const local = new LocalHost()
    const host = Object.assign(Object.create(local) as Host, {
      lstat: async (p: string) => (seen.push(p), p === 'C:\\Program Files (x86)\\Plex\\Plex Media Server\\Plex Media Server.exe' ? { isFile: () => true } : null)
    })
    const env = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' }
    expect((await tray(host, env))?.control).toEqual({ kind: 'windows-tray', installFolder: 'C:\\Program Files (x86)\\Plex\\Plex Media Server' })
    expect(seen).toEqual(['C:\\Program Files\\Plex\\Plex Media Server\\Plex Media Server.exe', 'C:\\Program Files (x86)\\Plex\\Plex Media Server\\Plex Media Server.exe'])
  })

  it('item 3: PmsService\'s PlexService is found as the wrapper of the account\'s server (stop the service, then the server)', async () => {
    importText([
      ...hkcuPlex(),
      `[${SERVICES}\\PlexService]`,
      `"ImagePath"="${esc('"C:\\Program Files (x86)\\Plex Service\\PlexService.exe"')}"`,
      '"ObjectName"=".\\\\kate"',
      '',
      `[${PROFILES}\\S-1-5-21-9-9-9-1005]`,
      `"ProfileImagePath"="${esc('C:\\Users\\kate')}"`
    ])
    const found = (await windowsCandidates(new LocalHost(), {})).find((c) => c.installType === 'windows-service-account')
    expect(found).toMatchObject({ control: { kind: 'windows-service', service: 'PlexService', wrapper: true }, labelDetail: { kind: 'windows-service', service: 'PlexService' } })
  })

  it('item 3: LocalService\'s profile folder is ProfileList\'s ProfileImagePath for S-1-5-19, not C:\\Users\\S-1-5-19', async () => {
    importText([
      `[${SERVICES}\\PlexLocal]`,
      `"ImagePath"="${esc('C:\\Program Files\\Plex\\Plex Media Server\\Plex Media Server.exe')}"`,
      `"ObjectName"="${esc('NT AUTHORITY\\LocalService')}"`,
      '',
      `[${PROFILES}\\S-1-5-19]`,
      `"ProfileImagePath"="${esc('%systemroot%\\ServiceProfiles\\LocalService')}"`
    ])
    const found = (await windowsCandidates(new LocalHost(), { SystemRoot: 'C:\\Windows' })).find((c) => c.key.includes('S-1-5-19'))
    expect(found?.dataDir).toBe('C:\\Windows\\ServiceProfiles\\LocalService\\AppData\\Local\\Plex Media Server')
    expect(found?.hive).toEqual({ mount: 'HKU\\S-1-5-19', file: 'C:\\Windows\\ServiceProfiles\\LocalService\\NTUSER.DAT' })
  })

  it('item 3: reg export, delete and import on another account\'s hive ask UAC as the service steps do', async () => {
    const hives = join(tempDir(), 'hives.json')
    writeFileSync(hives, '[]')
    const sc = join(tempDir(), 'sc.log')
    Object.assign(process.env, { STANDIN_REG_HIVES: hives, STANDIN_UAC: 'allow', STANDIN_SC_LOG: sc })
    const profile = join(PREFIX, 'drive_c', 'users', 'plex other')
    mkdirSync(profile, { recursive: true })
    const hiveText = ['Windows Registry Editor Version 5.00', '', '[HKEY_USERS\\HIVE\\Software\\Plex, Inc.\\Plex Media Server]', '"PlexOnlineUsername"="other"', '"PlexOnlineToken"="SECRET"', '"FriendlyName"="den"', '', ''].join('\r\n')
    writeFileSync(join(profile, 'NTUSER.DAT'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(hiveText, 'utf16le')]))
    const hive = { mount: 'HKU\\S-1-5-21-9-9-9-1007', file: 'C:\\users\\plex other\\NTUSER.DAT' }
    const host = new LocalHost()
    try {
      expect(await loadHive(host, hive)).toEqual(hive)
      const store = new WindowsRegistryStore(host, `${hive.mount}\\${PLEX}`)
      const snapshot = await store.snapshot()
      expect(snapshot.keysPresent).toEqual(['PlexOnlineToken', 'PlexOnlineUsername'])
      expect(await store.removeSignIn(snapshot)).toEqual(['PlexOnlineToken', 'PlexOnlineUsername'])
      await store.verifyRemoved(snapshot)
      await store.restore(snapshot.payload)
      expect((await store.snapshot()).keysPresent).toEqual(['PlexOnlineToken', 'PlexOnlineUsername'])
      // Unelevated, the stand-in refuses as Windows does: the same read is told, not taken for "no key".
      process.env.STANDIN_UAC = 'deny'
      await expect(store.snapshot()).rejects.toMatchObject({ code: 'ELEVATION_DENIED' })
      process.env.STANDIN_UAC = 'allow'
      await unloadHive(host, hive)
      expect(JSON.parse(readFileSync(hives, 'utf8'))).toEqual([])
    } finally {
      for (const k of ['STANDIN_REG_HIVES', 'STANDIN_UAC', 'STANDIN_SC_LOG']) delete process.env[k]
    }
  })
})
