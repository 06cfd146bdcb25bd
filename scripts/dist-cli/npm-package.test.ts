import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../test/support/temp'
import { appVersion, buildCli, sha256File, type BuiltCli } from './built'

// The npm package for people who have Node: `npm pack` of cli-package/ with the bundled CLI.
const root = join(import.meta.dirname, '..', '..')

const run = (cwd: string, command: string, args: string[]) => {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, npm_config_update_notifier: 'false' } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('the npm package (plex-reclaim-VERSION.tgz)', () => {
  let cli: BuiltCli
  let tgz: string
  beforeAll(() => {
    cli = buildCli()
    tgz = cli.file('tgz')
  }, 600_000)

  it('holds only the bundled CLI, its README and its license, with the sha256 SHA256SUMS gives', () => {
    const list = run(root, 'tar', ['-tzf', tgz])
    expect(list.stdout.trim().split('\n').sort()).toEqual(['package/LICENSE', 'package/README.md', 'package/package.json', 'package/plex-reclaim.cjs'])
    expect(sha256File(tgz)).toBe(cli.sums.get(`plex-reclaim-${appVersion()}.tgz`))
  })

  it('has its own manifest: a bin, engines and ssh2 (the app\'s pin) as its only dependency', () => {
    const manifest = JSON.parse(run(root, 'tar', ['-xzOf', tgz, 'package/package.json']).stdout) as Record<string, unknown>
    const app = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    expect(manifest).toMatchObject({ name: 'plex-reclaim', version: appVersion(), bin: { 'plex-reclaim': 'plex-reclaim.cjs' }, engines: { node: expect.any(String) }, license: 'MIT' })
    expect(manifest.dependencies).toEqual({ ssh2: app.dependencies.ssh2 })
    for (const key of ['private', 'devDependencies', 'scripts', 'optionalDependencies']) expect(manifest, key).not.toHaveProperty(key)
  })

  it('installs into an empty folder (from the cache) and runs through npx', () => {
    const dir = tempDir('cli-npm-install')
    const empty = tempDir('cli-npm-empty')
    // --ignore-scripts: ssh2's optional native build is skipped, so this also shows the JS fallback works.
    const npmInstall = (mode: string) => run(dir, 'npm', ['install', mode, '--ignore-scripts', '--no-audit', '--no-fund', tgz])
    let install = npmInstall('--offline')
    // npm ci caches tarballs but not the registry's package documents: the first run fetches those.
    if (/ENOTCACHED/.test(install.stderr)) install = npmInstall('--prefer-offline')
    expect(install.stderr.split('\n').filter((l) => /ERR|EBADENGINE/.test(l))).toEqual([])
    expect(install.code).toBe(0)
    expect(run(dir, 'npx', ['--no', '--', 'plex-reclaim', '--version'])).toMatchObject({ code: 0, stdout: `${appVersion()}\n` })
    const detect = run(dir, 'npx', ['--no', '--', 'plex-reclaim', 'detect', '--root', empty])
    expect(detect.code).toBe(0)
    expect(detect.stdout).toMatch(/^No Plex Media Server installation was found\./)
  }, 180_000)
})
