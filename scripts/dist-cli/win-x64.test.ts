import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REAL_WORLD_DIR } from '../../test/support/fixtures'
import { tempDir } from '../../test/support/temp'
import { ensurePrefix, PLEX_KEY, runNodeExe, startWine, stopWine, wine, wineEnv, winPath, type WinRun } from '../../test/real/wine'
import { TARGET_NODE_VERSION, appVersion, buildCli, releaseBundle, sha256File, winePrefix, type BuiltCli } from './built'

// The Windows x64 executable under Debian's Wine 8 (wine64), which runs Node 22's Windows build
// (the pin, TARGET_NODE_VERSION) but not Node 24's (docs/platforms.md). Its prefix is its own, set
// to Windows 10 (else Node exits 216), so the registry tests of main/core/stores may run beside it.
// Output goes to files, never pipes (Windows Node dies with EBADF on a pipe under Wine).
const WINE = '/usr/bin/wine'
const SIGN_IN = ['PlexOnlineHome', 'PlexOnlineMail', 'PlexOnlineToken', 'PlexOnlineUsername']

/** The four sign-in values among others of several types, names with spaces and a subkey. */
const SEED = [
  'Windows Registry Editor Version 5.00',
  '',
  '[-HKEY_CURRENT_USER\\Software\\Plex, Inc.]',
  '',
  '[HKEY_CURRENT_USER\\Software\\Plex, Inc.\\Plex Media Server]',
  '"MachineIdentifier"="aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"',
  '"PlexOnlineHome"="1"',
  '"PlexOnlineMail"="kate@example.com"',
  '"PlexOnlineToken"="SECRETtoken987654321"',
  '"PlexOnlineUsername"="kate"',
  '"FriendlyName"="Küche 猫 \\"den\\""',
  '"AcceptedEULA"=dword:00000001',
  '"Certificate Blob"=hex:00,11,22,33,44,55,66,77,88,99,aa,bb,cc,dd,ee,ff',
  '"InstallFolder"="C:\\\\Program Files\\\\Plex\\\\Plex Media Server"',
  '',
  '[HKEY_CURRENT_USER\\Software\\Plex, Inc.\\Plex Media Server\\Sub key]',
  '"Inner value"="ü"',
  '',
  ''
].join('\r\n')

describe.skipIf(process.platform !== 'linux')('the Windows x64 single executable', { timeout: 180_000 }, () => {
  let cli: BuiltCli
  let exe: string
  let work: string
  const prefix = winePrefix()
  const env = () => wineEnv(prefix)
  const run = (args: string[]): Promise<WinRun> => runNodeExe(exe, args, work, env())

  /** `reg export` of the Plex key now, as text (Wine writes UTF-16LE with a BOM). */
  const exported = (): string => {
    const file = join(tempDir('cli-wine-export'), 'now.reg')
    const r = wine(['reg', 'export', PLEX_KEY, winPath(file), '/y'], { env: env() })
    if (r.status !== 0) throw new Error(`reg export failed: ${r.out}`)
    return readFileSync(file).subarray(2).toString('utf16le')
  }

  beforeAll(() => {
    cli = buildCli()
    exe = cli.file('win-x64.exe')
    work = tempDir('cli-wine')
    if (!existsSync(WINE)) return
    ensurePrefix(prefix)
    startWine(prefix)
  }, 600_000)
  afterAll(() => {
    // This prefix's wineserver and its processes only.
    if (existsSync(WINE)) stopWine(prefix)
  })

  it('is a PE32+ x86-64 program carrying the release bundle, with the sha256 SHA256SUMS gives', () => {
    const bytes = readFileSync(exe)
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('MZ')
    const pe = bytes.readUInt32LE(0x3c)
    expect(bytes.subarray(pe, pe + 4).toString('latin1')).toBe('PE\0\0')
    expect(bytes.readUInt16LE(pe + 4)).toBe(0x8664)
    expect(bytes.includes('NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1')).toBe(true)
    expect(bytes.includes(releaseBundle())).toBe(true)
    expect(sha256File(exe)).toBe(cli.sums.get(`plex-reclaim-${appVersion()}-win-x64.exe`))
  })

  it('Wine is installed', () => {
    expect(existsSync(WINE), 'apt-get install wine wine64 (.ci/run does this)').toBe(true)
  })

  it(`--version under Wine prints the version, from Node ${TARGET_NODE_VERSION} without NODE_SKIP_PLATFORM_CHECK`, async () => {
    expect(env().NODE_SKIP_PLATFORM_CHECK).toBeUndefined()
    const r = await run(['--version'])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout.trim()).toBe(appVersion())
  })

  it('inspect --file PATH --json under Wine names the account', async () => {
    copyFileSync(join(REAL_WORLD_DIR, '04-yelpspoon-naspotato-username-is-email.xml'), join(work, 'Preferences.xml'))
    const r = await run(['inspect', '--file', winPath(join(work, 'Preferences.xml')), '--json'])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'preferences-xml', account: { tokenPresent: true } })
  })

  it("resets a real registry key with Wine's reg.exe: a verified backup, only the four values gone, the rest byte-identical", async () => {
    const seed = join(tempDir('cli-wine-seed'), 'seed.reg')
    writeFileSync(seed, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SEED, 'utf16le')]))
    const imported = wine(['reg', 'import', winPath(seed)], { env: env() })
    expect(imported.status, imported.out).toBe(0)
    const before = exported()
    expect(SIGN_IN.every((k) => before.includes(`"${k}"=`))).toBe(true)
    const backupDir = tempDir('cli-wine-backups')
    const withBackups = (args: string[]) => run([...args, '--backup-dir', winPath(backupDir)])

    const detect = await withBackups(['detect', '--json'])
    expect([detect.status, detect.stderr]).toEqual([0, ''])
    const found = JSON.parse(detect.stdout) as { id: string; installType: string; store: unknown; account: { username: string } | null }[]
    expect(found.map((i) => [i.installType, i.store, i.account?.username])).toEqual([['windows-tray', { kind: 'windows-registry', key: PLEX_KEY }, 'kate']])

    const reset = await withBackups(['reset', '--server', found[0]!.id, '--no-service', '--yes'])
    expect([reset.status, reset.stderr]).toEqual([0, ''])
    expect(reset.stdout).not.toContain('SECRET')
    const after = exported()
    const kept = (text: string) =>
      text
        .split('\r\n')
        .filter((l) => !SIGN_IN.some((k) => l.startsWith(`"${k}"=`)))
        .join('\r\n')
    expect(after).toBe(kept(before))
    expect(after).not.toMatch(/PlexOnline/)
    expect(after).toContain('[HKEY_CURRENT_USER\\Software\\Plex, Inc.\\Plex Media Server\\Sub key]\r\n"Inner value"="ü"')

    // The backup: one folder, its manifest naming the key, the payload the export from before the
    // reset, with the sha256 and size the manifest gives.
    const ids = readdirSync(backupDir).filter((n) => /^\d{8}-\d{6}-[0-9a-f]{6}$/.test(n))
    expect(ids).toHaveLength(1)
    const manifest = JSON.parse(readFileSync(join(backupDir, ids[0]!, 'manifest.json'), 'utf8')) as Record<string, unknown>
    expect(manifest).toMatchObject({ reason: 'reset', target: { kind: 'windows-registry', key: PLEX_KEY }, fileName: 'Plex Media Server.reg', keysPresent: SIGN_IN })
    const payloadPath = join(backupDir, ids[0]!, 'Plex Media Server.reg')
    const payload = readFileSync(payloadPath)
    expect(payload.subarray(2).toString('utf16le')).toBe(before)
    expect([sha256File(payloadPath), payload.length]).toEqual([manifest.sha256, manifest.size])
    const listed = await withBackups(['backups', '--json'])
    expect([listed.status, listed.stderr]).toEqual([0, ''])
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((b) => b.id)).toEqual(ids)
  })
})
