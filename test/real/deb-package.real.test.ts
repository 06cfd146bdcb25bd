import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp'
import { cachedDir } from './cache'
import { mountUnavailable, skipping } from './capabilities'

/**
 * The .deb's contents come from one place: electron-builder's deb target and the fpm arguments it
 * passes (electron-builder.yml: deb.depends, deb.fpm). fpm cannot be fetched here, so a recording
 * stand-in takes its place (CUSTOM_FPM_PATH) and the arguments are checked; then the same Depends
 * are checked for real by apt on a Debian 13 (trixie) root: `apt-get install --simulate` of a small
 * package built with dpkg-deb. First run about 60 s (mmdebstrap of trixie, cached), then 5 s.
 */
const REPO = join(import.meta.dirname, '..', '..')
const ELECTRON_BUILDER_DEFAULTS = ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0']
const POLICY = 'io.github.plex_reclaim.helper.policy'

/** electron-builder's deb target on a minimal prepackaged app, fpm recorded: its arguments. */
function recordedFpmArgs(): string[] {
  const app = tempDir('prepackaged')
  mkdirSync(join(app, 'resources'))
  writeFileSync(join(app, 'plex-reclaim'), '#!/bin/sh\n')
  chmodSync(join(app, 'plex-reclaim'), 0o755)
  const record = join(tempDir('fpm'), 'args')
  execFileSync(process.execPath, [join(REPO, 'node_modules', 'electron-builder', 'cli.js'), '--linux', 'deb', '--x64', '--publish', 'never', '--prepackaged', app, `-c.directories.output=${tempDir('deb-out')}`], {
    cwd: REPO,
    env: { ...process.env, CUSTOM_FPM_PATH: join(REPO, 'test', 'standins', 'fpm-recorder.sh'), FPM_RECORD: record },
    stdio: 'pipe',
    timeout: 120_000
  })
  desktopEntry = readFileSync(`${record}.desktop`, 'utf8')
  return readFileSync(record, 'utf8').split('\n').slice(0, -1)
}

/** The .desktop file electron-builder generated (the recording stand-in keeps a copy). */
let desktopEntry = ''

const METAINFO = 'io.github.plex_reclaim.PlexReclaim.metainfo.xml'

const valuesOf = (args: readonly string[], flag: string): string[] => args.flatMap((a, i) => (a === flag && args[i + 1] !== undefined ? [args[i + 1]!] : []))

let args: string[]
beforeAll(() => {
  args = recordedFpmArgs()
}, 180_000)

describe('the .deb as electron-builder hands it to fpm (recording stand-in)', () => {
  it('depends on electron-builder\'s defaults and on pkexec (policykit-1 before Debian 12)', () => {
    expect(valuesOf(args, '-d')).toEqual([...ELECTRON_BUILDER_DEFAULTS, 'pkexec | policykit-1'])
    expect(valuesOf(args, '--maintainer')[0]).toMatch(/^Plex Reclaim developers <.+@.+>$/)
  })

  it('installs the polkit action, and the action names the helper where the .deb installs it', () => {
    const mapping = args.find((a) => a.endsWith(`=/usr/share/polkit-1/actions/${POLICY}`))
    expect(mapping).toBeDefined()
    const source = join(REPO, mapping!.split('=')[0]!)
    expect(existsSync(source)).toBe(true)
    const app = args.find((a) => /=\/opt\/[^/]+$/.test(a))!.split('=').pop()!
    const policy = readFileSync(source, 'utf8')
    expect(policy).toContain(`<annotate key="org.freedesktop.policykit.exec.path">${app}/resources/bin/plex-reclaim</annotate>`)
    expect(policy).toContain('<message>Plex Reclaim needs to change Plex Media Server\'s settings</message>')
  })
})

describe('what software centres and launchers read', () => {
  it('the .deb installs the AppStream metainfo, which appstreamcli validates (no network)', () => {
    const mapping = args.find((a) => a.endsWith(`=/usr/share/metainfo/${METAINFO}`))
    expect(mapping).toBeDefined()
    const source = join(REPO, mapping!.split('=')[0]!)
    const r = spawnSync('appstreamcli', ['validate', '--no-net', '--pedantic', source], { encoding: 'utf8' })
    expect(r.error, 'appstreamcli is missing: apt-get install appstream (.ci/run does)').toBeUndefined()
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0)
    const xml = readFileSync(source, 'utf8')
    expect(xml).toContain('<launchable type="desktop-id">plex-reclaim.desktop</launchable>')
    expect([...xml.matchAll(/<image>(.*?)<\/image>/g)].map((m) => m[1]).every((url) => url!.startsWith('https://raw.githubusercontent.com/') && existsSync(join(REPO, url!.split('/main/')[1]!)))).toBe(true)
    expect(xml).toMatch(/<content_rating type="oars-1\.1"\/>/)
    expect(xml).toContain(`<release version="${JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version}"`)
  })

  it('appstreamcli fails a broken file (so the check above can fail)', () => {
    const broken = join(tempDir('metainfo'), METAINFO)
    writeFileSync(broken, '<?xml version="1.0"?><component type="desktop-application"><id>x</id></component>')
    expect(spawnSync('appstreamcli', ['validate', '--no-net', broken]).status).not.toBe(0)
  })

  it('the desktop entry has fitting categories and the words a locked-out user searches for', () => {
    expect(desktopEntry).toMatch(/^Categories=Utility;System;$/m)
    expect(desktopEntry).toMatch(/^Keywords=Plex;locked out;claim;/m)
  })
})

// mmdebstrap's root mode mounts /proc and /dev in the new root: root with CAP_SYS_ADMIN.
const noTrixie = skipping('the Debian 13 apt check', mountUnavailable() ?? (existsSync('/usr/bin/mmdebstrap') && existsSync('/usr/bin/dpkg-deb') ? null : 'mmdebstrap or dpkg-deb is missing (apt-get install mmdebstrap)'))

describe.skipIf(noTrixie !== null)('Debian 13 (trixie) installs a package with those Depends (real apt, --simulate)', () => {
  let trixie: string
  beforeAll(async () => {
    trixie = await cachedDir('rootfs-trixie-minbase-apt-lists', async (dir) => {
      const r = spawnSync('mmdebstrap', ['--quiet', '--variant=minbase', '--skip=cleanup/apt/lists', 'trixie', dir], { stdio: 'pipe', timeout: 600_000 })
      if (r.status !== 0) throw new Error(`mmdebstrap trixie failed: ${r.stderr}`)
    })
  }, 900_000)

  /** `apt-get install --simulate` in the trixie root of a package that depends on `depends`. */
  function simulate(name: string, depends: readonly string[]): { status: number | null; out: string } {
    const build = tempDir('deb-check')
    mkdirSync(join(build, 'pkg', 'DEBIAN'), { recursive: true })
    writeFileSync(join(build, 'pkg', 'DEBIAN', 'control'), `Package: ${name}\nVersion: 0.0.1\nArchitecture: all\nMaintainer: Plex Reclaim tests <tests@example.invalid>\nDepends: ${depends.join(', ')}\nDescription: checks the Depends of the Plex Reclaim .deb\n`)
    const deb = join(trixie, 'tmp', `${name}.deb`)
    execFileSync('dpkg-deb', ['--build', '--root-owner-group', join(build, 'pkg'), deb], { stdio: 'pipe' })
    try {
      const r = spawnSync('chroot', [trixie, 'apt-get', 'install', '--simulate', '--no-install-recommends', `/tmp/${name}.deb`], { encoding: 'utf8', timeout: 120_000 })
      return { status: r.status, out: `${r.stdout}${r.stderr}` }
    } finally {
      rmSync(deb, { force: true })
    }
  }

  it('the .deb\'s Depends resolve, pkexec included', () => {
    const r = simulate('plex-reclaim-depends-check', valuesOf(args, '-d'))
    expect(r.status, r.out).toBe(0)
    expect(r.out).toMatch(/^Inst pkexec /m)
    expect(r.out).toMatch(/^Inst plex-reclaim-depends-check /m)
  })

  it('policykit-1 alone (what the .deb declared before) cannot be installed there', () => {
    const r = simulate('plex-reclaim-old-depends', ['policykit-1'])
    expect(r.status).not.toBe(0)
    expect(r.out).toMatch(/policykit-1/)
  })
})

/** The built CLI (the test project's global setup builds it). */
const cliOutput = (...cliArgs: string[]): string => execFileSync(process.execPath, [join(REPO, 'out', 'node', 'cli.js'), ...cliArgs], { encoding: 'utf8' })

describe('the CLI on a desktop install: its name on PATH, its manual page and completions', () => {
  const INSTALLED: Record<string, string> = {
    'assets/linux/plex-reclaim-cli': '/usr/bin/plex-reclaim-cli',
    'assets/linux/plex-reclaim-cli.1': '/usr/share/man/man1/plex-reclaim-cli.1',
    'assets/linux/completions/plex-reclaim-cli.bash': '/usr/share/bash-completion/completions/plex-reclaim-cli',
    'assets/linux/completions/_plex-reclaim-cli': '/usr/share/zsh/vendor-completions/_plex-reclaim-cli',
    'assets/linux/completions/plex-reclaim-cli.fish': '/usr/share/fish/vendor_completions.d/plex-reclaim-cli.fish'
  }

  it('the .deb installs each of them, and plex-reclaim-cli runs the helper where the .deb puts the app', () => {
    for (const [source, target] of Object.entries(INSTALLED)) expect(args, source).toContain(`${source}=${target}`)
    const app = args.find((a) => /=\/opt\/[^/]+$/.test(a))!.split('=').pop()!
    expect(readFileSync(join(REPO, 'assets/linux/plex-reclaim-cli'), 'utf8')).toContain(`exec "${app}/resources/bin/plex-reclaim" "$@"`)
  })

  it('the shipped files are what the help generates now (run scripts/generate-linux-assets.mjs after a help change)', () => {
    const generated: Record<string, string[]> = { 'plex-reclaim-cli.1': ['man'], 'completions/plex-reclaim-cli.bash': ['bash'], 'completions/_plex-reclaim-cli': ['zsh'], 'completions/plex-reclaim-cli.fish': ['fish'] }
    for (const [file, [what]] of Object.entries(generated)) expect(readFileSync(join(REPO, 'assets', 'linux', file), 'utf8'), file).toBe(`${cliOutput('completion', what!).trimEnd()}\n`)
  })

  const script = (file: string): string => join(REPO, 'assets', 'linux', 'completions', file)

  it('bash loads its script, which registers for both names, and completes a command and a flag', () => {
    const r = spawnSync('bash', ['-c', `source "$1"; complete -p plex-reclaim plex-reclaim-cli; COMP_WORDS=(plex-reclaim-cli re); COMP_CWORD=1; _plex_reclaim; echo "\${COMPREPLY[*]}"; COMP_WORDS=(plex-reclaim reset --y); COMP_CWORD=2; _plex_reclaim; echo "\${COMPREPLY[*]}"`, 'bash', script('plex-reclaim-cli.bash')], { encoding: 'utf8' })
    expect(r.stdout).toBe('complete -o default -F _plex_reclaim plex-reclaim\ncomplete -o default -F _plex_reclaim plex-reclaim-cli\nreset restore resume report\n--yes\n')
  })

  it('fish loads its script and completes a command and a flag (fish\'s own complete -C)', () => {
    const r = spawnSync('fish', ['-c', `source ${script('plex-reclaim-cli.fish')}; complete -C "plex-reclaim-cli re"; echo ---; complete -C "plex-reclaim reset --y"`], { encoding: 'utf8' })
    expect(r.error, 'fish is missing: apt-get install fish (.ci/run does)').toBeUndefined()
    expect(r.stdout.split('\n').map((l) => l.split('\t')[0])).toEqual(['report', 'reset', 'restore', 'resume', '---', '--yes', ''])
  })

  it('zsh loads its script and completes a command and a flag (real compinit and compsys in a zpty)', () => {
    const r = spawnSync('zsh', ['-f', join(REPO, 'test', 'support', 'zsh-complete.zsh'), script('_plex-reclaim-cli'), 'plex-reclaim-cli re', 'plex-reclaim reset --y'], { cwd: tempDir('zsh-complete'), encoding: 'utf8', timeout: 30_000 })
    expect(r.error, 'zsh is missing (apt-get install zsh: .ci/run does), or its completion hung').toBeUndefined()
    expect(r.stdout).toBe('reset\nrestore\nresume\nreport\n---\n--yes\n---\n')
  })
})
