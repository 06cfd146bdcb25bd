import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { detectInstallations } from '../detect/index'
import { LocalHost } from '../host/local'
import { controlCommand } from '../server/commands'
import { standInsOnPath } from '../../../test/standins/path'
import { tempDir } from '../../../test/support/temp'
import { clean, ensureNodeExe, ensurePrefix, PLEX_KEY, PREFIX, runNodeExe, startWine, stopWine, wine, wineEnv, wineMissing, winPath } from '../../../test/real/wine'
import { SIGN_IN_KEYS } from './keys'
import { loadHive, unloadHive } from './registry-hive'
import { WindowsRegistryStore } from './windows-registry'

// Wine 8's real reg.exe does every registry operation here. Stand-ins remain only for what Wine
// lacks (test/standins/reg.mjs: `reg query /f`, `reg load`/`unload`; powershell.mjs: the UAC prompt).
const missing = wineMissing()
const host = new LocalHost()
const repoRoot = join(import.meta.dirname, '..', '..', '..')
const SERVICES = 'HKLM\\SYSTEM\\CurrentControlSet\\Services'
const PROFILES = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList'

/** Values of every type, names with spaces, quotes, backslashes and non-ASCII data, and a subkey. */
const SEED = [
  'Windows Registry Editor Version 5.00',
  '',
  `[HKEY_CURRENT_USER\\Software\\Plex, Inc.\\Plex Media Server]`,
  '@="the default value"',
  '"MachineIdentifier"="11111111-2222-3333-4444-555555555555"',
  '"PlexOnlineHome"="1"',
  '"PlexOnlineMail"="kate@example.com"',
  '"PlexOnlineToken"="SECRETtoken123456789"',
  '"PlexOnlineUsername"="kate"',
  '"Friendly Name"="Küche 猫 \\"den\\" C:\\\\media"',
  '"AcceptedEULA"=dword:00000001',
  '"LastUpdate"=hex(b):35,1c,dc,df,02,00,00,00',
  '"Certificate Blob"=hex:00,11,22,33,44,55,66,77,88,99,aa,bb,cc,dd,ee,ff,00,11,22,33,44,55,66,\\',
  '  77,88,99,aa,bb,cc,dd,ee,ff,00,11,22,33,44,55,66,77,88,99',
  '"LocalAppDataPath"=hex(2):25,00,4c,00,4f,00,43,00,41,00,4c,00,41,00,50,00,50,00,44,00,41,00,\\',
  '  54,00,41,00,25,00,00,00',
  '"Libraries"=hex(7):4d,00,6f,00,76,00,69,00,65,00,73,00,00,00,4d,00,fc,00,73,00,69,00,6b,00,00,00,00,00',
  '"InstallFolder"="C:\\\\Program Files\\\\Plex\\\\Plex Media Server"',
  '',
  `[HKEY_CURRENT_USER\\Software\\Plex, Inc.\\Plex Media Server\\Sub key]`,
  '"Inner value"="ü"',
  '',
  ''
].join('\r\n')

/** Every run log under a backup folder, for a failure's message. */
function runLogs(dir: string): string {
  const logs = existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.log')) : []
  return logs.map((f) => `${f}:\n${readFileSync(join(dir, f), 'utf8')}`).join('\n') || `no run log in ${dir}`
}

const regFile = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])

function importText(text: string): void {
  const file = join(tempDir(), 'seed.reg')
  writeFileSync(file, regFile(text))
  const r = wine(['reg', 'import', winPath(file)])
  if (r.status !== 0) throw new Error(`reg import failed: ${r.out}`)
}

function reg(args: string[]): number | null {
  return wine(['reg', ...args]).status
}

/** A fresh `reg export` of the Plex key as text: what the registry holds now, in Wine's order (sorted by name). */
function exported(): string {
  const file = join(tempDir(), 'now.reg')
  const r = wine(['reg', 'export', PLEX_KEY, winPath(file), '/y'])
  if (r.status !== 0) throw new Error(`reg export failed: ${r.out}`)
  return readFileSync(file).subarray(2).toString('utf16le')
}

/** The export without the four sign-in lines: exactly what a reset must leave (no value of theirs wraps). */
const withoutSignIn = (text: string): string =>
  text
    .split('\r\n')
    .filter((l) => !SIGN_IN_KEYS.some((k) => l.startsWith(`"${k}"=`)))
    .join('\r\n')

describe.skipIf(missing !== null)(`Windows registry with Wine's real reg.exe${missing ? ` (skipped: ${missing})` : ''}`, { timeout: 60_000 }, () => {
  let undo: () => void
  let signedIn = ''
  beforeAll(() => {
    ensurePrefix()
    startWine()
    Object.assign(process.env, { WINEPREFIX: PREFIX, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' })
    undo = standInsOnPath(['reg', 'powershell'])
  }, 240_000)
  afterAll(() => {
    undo?.()
    stopWine()
  })
  beforeEach(() => {
    // One import: what earlier tests added goes ([-KEY] deletes a key), then the seed.
    const gone = ['HKEY_CURRENT_USER\\Software\\Plex, Inc.', 'HKEY_CURRENT_USER\\Software\\plex-reclaim-standin', `${PROFILES.replace('HKLM', 'HKEY_LOCAL_MACHINE')}\\S-1-5-21-9-9-9-1005`]
    for (const s of ['PlexService', 'PlexNSSM', 'PlexAsUser']) gone.push(`${SERVICES.replace('HKLM', 'HKEY_LOCAL_MACHINE')}\\${s}`)
    importText(SEED.replace('\r\n\r\n', `\r\n\r\n${gone.map((k) => `[-${k}]\r\n\r\n`).join('')}`))
    if (!signedIn) signedIn = exported()
  }, 60_000)

  it('reads every type, removes exactly the four values, and proves everything else was kept', async () => {
    const store = new WindowsRegistryStore(host, PLEX_KEY)
    const snapshot = await store.snapshot()
    expect(snapshot.keysPresent).toEqual([...SIGN_IN_KEYS])
    expect(snapshot.account).toMatchObject({ username: 'kate', tokenPresent: true, plexHome: true, machineIdentifier: '11111111-2222-3333-4444-555555555555' })
    expect(snapshot.payload.subarray(2).toString('utf16le')).toBe(signedIn)
    expect(await store.removeSignIn(snapshot)).toEqual([...SIGN_IN_KEYS])
    await store.verifyRemoved(snapshot)
    expect(exported()).toBe(withoutSignIn(signedIn))
  })

  it('verifyRemoved fails when another value or a subkey changed, naming it but never the data', async () => {
    const store = new WindowsRegistryStore(host, PLEX_KEY)
    const snapshot = await store.snapshot()
    await store.removeSignIn(snapshot)
    reg(['add', `${PLEX_KEY}\\Sub key`, '/v', 'Inner value', '/d', 'changed', '/f'])
    reg(['add', PLEX_KEY, '/v', 'Stray', '/d', 'x', '/f'])
    const error = await store.verifyRemoved(snapshot).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'VERIFY_FAILED', message: expect.stringContaining('sub key: value "inner value" differs') })
    expect(error).toMatchObject({ message: expect.stringContaining('value "stray" was added') })
    expect(String((error as Error).message)).not.toMatch(/SECRET|changed/)
  })

  it('refuses to remove when the key changed after the backup', async () => {
    const store = new WindowsRegistryStore(host, PLEX_KEY)
    const snapshot = await store.snapshot()
    reg(['add', PLEX_KEY, '/v', 'FriendlyName', '/d', 'new', '/f'])
    await expect(store.removeSignIn(snapshot)).rejects.toMatchObject({ code: 'STORE_CHANGED' })
    expect(exported()).toContain('"PlexOnlineToken"=')
  })

  it('restore over a changed, signed-in key leaves exactly the backup (values and subkeys)', async () => {
    const store = new WindowsRegistryStore(host, PLEX_KEY)
    const backup = (await store.snapshot()).payload
    reg(['delete', PLEX_KEY, '/v', 'PlexOnlineToken', '/f'])
    reg(['add', PLEX_KEY, '/v', 'PlexOnlineToken', '/d', 'STALE-new-token', '/f'])
    reg(['add', PLEX_KEY, '/v', 'Added later', '/t', 'REG_DWORD', '/d', '7', '/f'])
    reg(['add', `${PLEX_KEY}\\Sub key`, '/v', 'Second', '/d', 'x', '/f'])
    reg(['add', `${PLEX_KEY}\\New sub\\Deeper`, '/v', 'y', '/d', 'z', '/f'])
    await store.restore(backup)
    expect(exported()).toBe(signedIn)
  })

  it('restore refuses a backup that writes outside the key, and imports nothing', async () => {
    const store = new WindowsRegistryStore(host, PLEX_KEY)
    const evil = SEED.replace('[HKEY_CURRENT_USER\\Software\\Plex, Inc.\\Plex Media Server\\Sub key]', '[HKEY_CURRENT_USER\\Software\\Elsewhere]')
    await expect(store.restore(regFile(evil))).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' })
    expect(reg(['query', 'HKCU\\Software\\Elsewhere'])).toBe(1)
    expect(exported()).toBe(signedIn)
  })

  it('a missing key is NOT_FOUND, told in plain words', async () => {
    await expect(new WindowsRegistryStore(host, 'HKCU\\Software\\Plex, Inc.\\Nope').snapshot()).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('lists the HKCU install once: HKU\\<the SID behind HKCU> is the same hive', async () => {
    // The duplicate is real: Wine's HKCU is HKU\S-1-5-21-0-0-0-1000.
    expect(reg(['query', `HKU\\S-1-5-21-0-0-0-1000\\Software\\Plex, Inc.\\Plex Media Server`])).toBe(0)
    const found = await detectInstallations({ host, root: tempDir(), docker: false, registry: true, env: { LOCALAPPDATA: 'C:\\users\\root\\AppData\\Local' } })
    expect(found.map((f) => [f.installType, f.store, f.control, f.account?.username])).toEqual([
      ['windows-tray', { kind: 'windows-registry', key: PLEX_KEY }, { kind: 'windows-tray', installFolder: 'C:\\Program Files\\Plex\\Plex Media Server' }, 'kate']
    ])
  })

  describe('service installs (stand-in for reg query /f and reg load, citing Microsoft)', () => {
    let hivesFile: string
    beforeEach(() => {
      hivesFile = join(tempDir(), 'hives.json')
      process.env.STANDIN_REG_HIVES = hivesFile
      // A service with a wrapper's usual name that does not run Plex, and the one that does.
      reg(['add', `${SERVICES}\\PlexService`, '/v', 'ImagePath', '/t', 'REG_EXPAND_SZ', '/d', 'C:\\Tools\\other.exe', '/f'])
      reg(['add', `${SERVICES}\\PlexNSSM`, '/v', 'ImagePath', '/t', 'REG_EXPAND_SZ', '/d', 'C:\\nssm\\nssm.exe', '/f'])
      reg(['add', `${SERVICES}\\PlexNSSM`, '/v', 'ObjectName', '/d', 'LocalSystem', '/f'])
      reg(['add', `${SERVICES}\\PlexNSSM\\Parameters`, '/v', 'Application', '/d', 'C:\\Program Files\\Plex\\Plex Media Server\\Plex Media Server.exe', '/f'])
    }, 60_000)
    afterAll(() => delete process.env.STANDIN_REG_HIVES)

    it('finds the service that runs Plex Media Server.exe, and .DEFAULT and S-1-5-18 as one LocalSystem hive', async () => {
      writeFileSync(hivesFile, JSON.stringify(['S-1-5-18']))
      const values = ['/v', 'PlexOnlineUsername', '/d', 'svc', '/f']
      reg(['add', `HKU\\.Default\\Software\\Plex, Inc.\\Plex Media Server`, ...values])
      reg(['add', `HKCU\\Software\\plex-reclaim-standin\\hives\\S-1-5-18\\Software\\Plex, Inc.\\Plex Media Server`, ...values])
      try {
        const found = await detectInstallations({ host, root: tempDir(), docker: false, registry: true, env: {} })
        const services = found.filter((f) => f.installType === 'windows-service-account')
        expect(services.map((f) => [f.control, f.label, f.dataDir, f.account?.username])).toEqual([
          [{ kind: 'windows-service', service: 'PlexNSSM' }, 'Plex Media Server (Windows service PlexNSSM, account LocalSystem)', 'C:\\Windows\\System32\\config\\systemprofile\\AppData\\Local\\Plex Media Server', 'svc']
        ])
      } finally {
        reg(['delete', 'HKU\\.Default\\Software\\Plex, Inc.', '/f'])
      }
    })

    it("loads a stopped service account's hive elevated, reads it, and unloads it; refused without UAC", async () => {
      reg(['add', `${SERVICES}\\PlexAsUser`, '/v', 'ImagePath', '/t', 'REG_EXPAND_SZ', '/d', '"C:\\Program Files\\Plex\\Plex Media Server\\Plex Media Server.exe"', '/f'])
      reg(['add', `${SERVICES}\\PlexAsUser`, '/v', 'ObjectName', '/d', '.\\plex svc', '/f'])
      reg(['add', `${PROFILES}\\S-1-5-21-9-9-9-1005`, '/v', 'ProfileImagePath', '/d', 'C:\\users\\plex svc', '/f'])
      const profile = join(PREFIX, 'drive_c', 'users', 'plex svc')
      mkdirSync(profile, { recursive: true })
      writeFileSync(join(profile, 'NTUSER.DAT'), regFile(['Windows Registry Editor Version 5.00', '', '[HKEY_USERS\\HIVE\\Software\\Plex, Inc.\\Plex Media Server]', '"PlexOnlineUsername"="plexsvc"', '"PlexOnlineToken"="SECRET"', '', ''].join('\r\n')))
      writeFileSync(hivesFile, '[]')
      const found = await detectInstallations({ host, root: tempDir(), docker: false, registry: true, env: {} })
      const inst = found.find((f) => f.control.kind === 'windows-service' && f.control.service === 'PlexAsUser')
      const hive = { mount: 'HKU\\S-1-5-21-9-9-9-1005', file: 'C:\\users\\plex svc\\NTUSER.DAT' }
      expect(inst?.store).toEqual({ kind: 'windows-registry', key: 'HKU\\S-1-5-21-9-9-9-1005\\Software\\Plex, Inc.\\Plex Media Server', hive })
      expect(inst).toMatchObject({ account: null, readError: { code: 'PERMISSION_DENIED' }, label: 'Plex Media Server (Windows service PlexAsUser, account .\\plex svc)', labelDetail: { kind: 'windows-service', service: 'PlexAsUser', account: '.\\plex svc' } })
      process.env.STANDIN_UAC = 'deny'
      await expect(loadHive(host, hive)).rejects.toMatchObject({ code: 'ELEVATION_DENIED', message: expect.stringContaining('reg load HKU\\S-1-5-21-9-9-9-1005 "C:\\users\\plex svc\\NTUSER.DAT"') })
      process.env.STANDIN_UAC = 'allow'
      expect(await loadHive(host, hive)).toEqual(hive)
      expect(await loadHive(host, hive)).toBeNull()
      const store = new WindowsRegistryStore(host, inst!.store.kind === 'windows-registry' ? inst!.store.key : '')
      expect((await store.snapshot()).account).toMatchObject({ username: 'plexsvc', tokenPresent: true })
      await unloadHive(host, hive)
      expect(JSON.parse(readFileSync(hivesFile, 'utf8'))).toEqual([])
      await expect(store.snapshot()).rejects.toMatchObject({ code: 'NOT_FOUND' })
      delete process.env.STANDIN_UAC
    })
  })

  it('the built CLI on Windows Node: detect, reset --no-service, backups, restore --no-service, each checked by a fresh export', async () => {
    const cli = join(repoRoot, 'out', 'node', 'cli.js')
    expect(existsSync(cli), 'run "npm run -s build" first: out/node/cli.js is missing').toBe(true)
    const exe = ensureNodeExe()
    const dir = tempDir()
    const backups = winPath(join(dir, 'backups'))
    const run = async (...args: string[]) => {
      const r = await runNodeExe(exe, [winPath(cli), ...args, '--backup-dir', backups], dir)
      return { ...r, json: () => JSON.parse(r.stdout) as unknown }
    }
    const detect = await run('detect', '--json')
    expect(detect.stderr).toBe('')
    expect(detect.status).toBe(0)
    const list = detect.json() as { id: string; installType: string; store: unknown; account: { username: string } }[]
    expect(list.map((i) => [i.installType, i.store, i.account.username])).toEqual([['windows-tray', { kind: 'windows-registry', key: PLEX_KEY }, 'kate']])

    const reset = await run('reset', '--server', list[0]!.id, '--no-service', '--yes')
    // CI saw this fail once as "Something unexpected went wrong (UNKNOWN)": the run's own log says where.
    expect([reset.status, reset.stderr], runLogs(join(dir, 'backups'))).toEqual([0, ''])
    expect(exported()).toBe(withoutSignIn(signedIn))

    const listed = await run('backups', '--json')
    const ids = (listed.json() as { id: string; target: unknown }[]).map((b) => [b.id, b.target] as const)
    expect(ids).toHaveLength(1)
    expect(ids[0]![1]).toEqual({ kind: 'windows-registry', key: PLEX_KEY })

    // A new sign-in after the reset must not survive the restore.
    reg(['add', PLEX_KEY, '/v', 'PlexOnlineToken', '/d', 'STALE', '/f'])
    const restore = await run('restore', ids[0]![0], '--no-service', '--yes')
    expect([restore.status, restore.stderr]).toEqual([0, ''])
    expect(exported()).toBe(signedIn)
  }, 180_000)

  it('taskkill without /f closes a windowed Plex Media Server.exe under Xvfb (the tray stop path)', async () => {
    const display = freeDisplay()
    const xvfb = spawn('Xvfb', [`:${display}`, '-nolisten', 'tcp'], { stdio: 'ignore' })
    for (let i = 0; !existsSync(`/tmp/.X11-unix/X${display}`) && i < 100; i++) await new Promise((res) => setTimeout(res, 100))
    const exeDir = join(PREFIX, 'drive_c', 'Program Files', 'Plex', 'Plex Media Server')
    mkdirSync(exeDir, { recursive: true })
    // A fresh wineserver: Wine's desktop process keeps the display it was started with (none so far).
    stopWine()
    // Wine's notepad under the server's name: a windowed program that closes on WM_CLOSE.
    writeFileSync(join(exeDir, 'Plex Media Server.exe'), readFileSync(join(PREFIX, 'drive_c', 'windows', 'system32', 'notepad.exe')))
    const app = spawn('wine', ['C:\\Program Files\\Plex\\Plex Media Server\\Plex Media Server.exe'], { env: { ...wineEnv(), DISPLAY: `:${display}` }, stdio: ['ignore', 'ignore', 'pipe'] })
    let said = ''
    app.stderr.on('data', (d: Buffer) => (said += d.toString()))
    const exited = new Promise<string>((resolve) => app.once('exit', (code, signal) => resolve(`exit ${code ?? signal}`)))
    const within = (ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve(`still running after ${ms} ms; it said: ${said}`), ms))
    try {
      const stop = controlCommand({ kind: 'windows-tray', installFolder: null }, 'stop')!
      expect(stop).toEqual({ program: 'taskkill', args: ['/im', 'Plex Media Server.exe'] })
      // Until its window exists, taskkill has nothing to send WM_CLOSE to. Same display: the first
      // Wine program to reach a new wineserver starts Wine's desktop process on its display.
      const withDisplay = { env: { DISPLAY: `:${display}` } }
      let r = wine([stop.program, ...stop.args], withDisplay)
      for (let i = 0; r.status !== 0 && i < 40 && app.exitCode === null; i++) {
        await new Promise((res) => setTimeout(res, 500))
        r = wine([stop.program, ...stop.args], withDisplay)
      }
      expect(r.out, `the program said: ${clean(said)}`).toMatch(/Close message sent to top-level windows of process "Plex Media Server.exe"/)
      expect(r.status).toBe(0)
      // Under load the window may not take the first close (it can still be starting): ask again
      // the same way, never with /f, until it has gone.
      let outcome = await Promise.race([exited, within(10_000)])
      for (let i = 0; !outcome.startsWith('exit') && i < 5; i++) {
        wine([stop.program, ...stop.args], withDisplay)
        outcome = await Promise.race([exited, within(10_000)])
      }
      expect(outcome).toMatch(/^exit /)
      expect(wine(['taskkill', '/im', 'Plex Media Server.exe']).status).toBe(128)
    } finally {
      if (app.exitCode === null && app.signalCode === null) app.kill('SIGKILL')
      xvfb.kill('SIGTERM')
    }
  }, 180_000)
})

function freeDisplay(): number {
  for (let n = 90; n < 200; n++) if (!existsSync(`/tmp/.X11-unix/X${n}`) && !existsSync(`/tmp/.X${n}-lock`)) return n
  throw new Error('no free X display number')
}
