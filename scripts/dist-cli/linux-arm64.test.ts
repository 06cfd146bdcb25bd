import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { REAL_WORLD_DIR, expectedAfterReset } from '../../test/support/fixtures'
import { tempDir } from '../../test/support/temp'
import { ARM64_LOADER, QEMU_AARCH64, appVersion, arm64Ready, buildCli, releaseBundle, runEmpty, sha256File, type BuiltCli } from './built'

// The Linux arm64 executable really runs, under Debian's qemu-user-static with the arm64 libraries
// from multiarch (binfmt is not registered here, so qemu is called directly). Where they are
// missing the tests fail and say how to install them: a header check is no substitute.
describe.skipIf(process.platform !== 'linux')('the Linux arm64 single executable under qemu-aarch64-static (env -i)', () => {
  let cli: BuiltCli
  let exe: string
  let empty: string
  const run = (...args: string[]) => runEmpty(empty, [QEMU_AARCH64, exe], args)
  beforeAll(() => {
    cli = buildCli()
    exe = cli.file('linux-arm64')
    empty = tempDir('cli-arm64-empty')
  }, 600_000)

  it('qemu and the arm64 libraries are installed', () => {
    expect(arm64Ready(), `${QEMU_AARCH64} and ${ARM64_LOADER} are needed: apt-get install qemu-user-static; dpkg --add-architecture arm64; apt-get update; apt-get install libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 (.ci/run does this)`).toBe(true)
  })

  it('is an aarch64 ELF carrying the release bundle, with the sha256 SHA256SUMS gives', () => {
    const bytes = readFileSync(exe)
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('\x7fELF')
    expect(bytes.readUInt16LE(18)).toBe(183) // e_machine EM_AARCH64
    expect(bytes.includes(releaseBundle())).toBe(true)
    expect(sha256File(exe)).toBe(cli.sums.get(`plex-reclaim-${appVersion()}-linux-arm64`))
  })

  it('--version prints the version', () => {
    expect(run('--version')).toEqual({ code: 0, stdout: `${appVersion()}\n`, stderr: '' })
  })

  it('detect --root EMPTY --json prints []', () => {
    const r = run('detect', '--root', empty, '--json')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual([])
  })

  it('reset --file F --no-service --yes --backup-dir B of a real-world fixture ends as the exact expected bytes', () => {
    const name = readdirSync(REAL_WORLD_DIR).find((n) => n.startsWith('02-'))!
    const dir = tempDir('cli-arm64-reset')
    mkdirSync(join(dir, 'data'))
    const file = join(dir, 'data', 'Preferences.xml')
    copyFileSync(join(REAL_WORLD_DIR, name), file)
    const original = readFileSync(file)
    const expected = expectedAfterReset(original)
    expect(expected.equals(original)).toBe(false)
    const r = run('reset', '--file', file, '--no-service', '--yes', '--backup-dir', join(dir, 'backups'))
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(readFileSync(file).equals(expected)).toBe(true)
  }, 60_000)
})
