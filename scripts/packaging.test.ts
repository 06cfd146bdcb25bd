import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, sep } from 'node:path'
import { listPackage } from '@electron/asar'
import { beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../test/support/temp'
import { appVersion, buildCli, sha256File, type BuiltCli } from './dist-cli/built'

const root = join(import.meta.dirname, '..')
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const FUSES = ['RunAsNode', 'EnableCookieEncryption', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments', 'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar', 'LoadBrowserProcessSpecificV8Snapshot', 'GrantFileProtocolExtraPrivileges']

/**
 * A stand-in for Electron's Linux dist (the folder inside electron-v*-linux-x64.zip): the files
 * electron-builder copies, and an "electron" binary that carries a fuse wire where Electron's does
 * (@electron/fuses: sentinel, version 1, length, one byte per fuse, '1' enabled), all fuses on.
 */
function standInElectronDist(): string {
  const dist = tempDir('electron-dist')
  mkdirSync(join(dist, 'resources'), { recursive: true })
  mkdirSync(join(dist, 'locales'), { recursive: true })
  const filler = Buffer.alloc(4096, 0x90)
  writeFileSync(join(dist, 'electron'), Buffer.concat([Buffer.from('\x7fELF'), filler, Buffer.from(SENTINEL, 'latin1'), Buffer.from([1, FUSES.length]), Buffer.alloc(FUSES.length, 0x31), filler]))
  chmodSync(join(dist, 'electron'), 0o755)
  for (const f of ['chrome-sandbox', 'chrome_crashpad_handler', 'libffmpeg.so', 'icudtl.dat', 'resources.pak', 'v8_context_snapshot.bin', 'LICENSE', 'LICENSES.chromium.html', 'locales/en-US.pak']) {
    writeFileSync(join(dist, f), 'stand-in')
  }
  writeFileSync(join(dist, 'version'), '45.5.0')
  return dist
}

/**
 * A stand-in for electron-builder's AppImage toolset (APPIMAGE_TOOLS_PATH, the FUSE2 layout that
 * app-builder-lib's toolsets/linux.js expects): its mksquashfs records what the image would hold
 * (test/standins/mksquashfs-recorder.sh); the runtime is a few bytes. The real one is downloaded.
 */
function standInAppImageTools(): string {
  const tools = tempDir('appimage-tools')
  mkdirSync(join(tools, 'linux-x64'))
  mkdirSync(join(tools, 'lib', 'x64'), { recursive: true })
  symlinkSync(join(root, 'test', 'standins', 'mksquashfs-recorder.sh'), join(tools, 'linux-x64', 'mksquashfs'))
  writeFileSync(join(tools, 'linux-x64', 'desktop-file-validate'), '#!/bin/sh\n', { mode: 0o755 })
  writeFileSync(join(tools, 'runtime-x64'), 'stand-in AppImage runtime')
  return tools
}

/** The runtime dependencies and everything they need: the only node_modules an install may carry. */
function productionClosure(): Set<string> {
  const seen = new Set<string>()
  // Node's resolution: the nearest node_modules folder up from the package that requires it.
  const locate = (from: string, name: string): string => {
    for (let dir = from; ; dir = join(dir, '..', '..')) {
      if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return join(dir, 'node_modules', name)
      if (dir === root) throw new Error(`${name} is not installed`)
    }
  }
  const visit = (from: string, name: string, optional = false): void => {
    let dir: string
    try {
      dir = locate(from, name)
    } catch (error) {
      if (optional) return // an optional dependency that did not install here
      throw error
    }
    if (seen.has(dir)) return
    seen.add(dir)
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dir, dep)
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dir, dep, true)
  }
  const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
  for (const dep of Object.keys(own.dependencies)) visit(root, dep)
  return new Set([...seen].map((dir) => dir.slice(join(root, 'node_modules').length + 1).split(`${sep}node_modules${sep}`).pop()!.replace(/\\/g, '/')))
}

function fuseWire(binary: Buffer): Record<string, string> {
  const at = binary.indexOf(SENTINEL) + SENTINEL.length
  return Object.fromEntries(FUSES.map((name, i) => [name, String.fromCharCode(binary[at + 2 + i]!)]))
}

const METAINFO = 'usr/share/metainfo/io.github.plex_reclaim.PlexReclaim.metainfo.xml'

// One electron-builder run for both targets: about 25 s here once the CLI executables are built.

describe('packaging (electron-builder, Linux dir and AppImage targets, stand-in Electron dist and AppImage tools)', () => {
  let unpacked: string
  let squashfs: string
  let cli: BuiltCli
  beforeAll(() => {
    cli = buildCli() // the Linux app carries the CLI executable (electron-builder.yml, linux.extraResources)
    if (!existsSync(join(root, 'out', 'main', 'index.js'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' })
    const output = tempDir('dist')
    squashfs = join(tempDir('squashfs'), 'record')
    execFileSync(process.execPath, [join(root, 'node_modules', 'electron-builder', 'cli.js'), '--linux', 'dir', 'AppImage', '--x64', '--publish', 'never', `-c.electronDist=${standInElectronDist()}`, `-c.directories.output=${output}`], {
      cwd: root,
      env: { ...process.env, APPIMAGE_TOOLS_PATH: standInAppImageTools(), SQUASHFS_RECORD: squashfs },
      stdio: 'pipe',
      timeout: 240_000
    })
    unpacked = join(output, 'linux-unpacked')
  }, 300_000)

  it('app.asar holds the built output, package.json and the runtime dependencies only', () => {
    const files = listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'))
    const runtime = productionClosure()
    const packaged = (f: string): boolean => {
      const dep = /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]
      return dep ? runtime.has(dep) : /^\/(out\/(main|preload|renderer)(\/|$)|out$|package\.json$|node_modules$)/.test(f)
    }
    const stray = files.filter((f) => !packaged(f))
    expect(stray).toEqual([])
    expect(files).toContain('/out/main/index.js')
    expect(files).toContain('/out/preload/index.js')
    expect(files).toContain('/out/renderer/index.html')
    // No sources, tests, benches, source maps or the CLI build of our own.
    expect(files.filter((f) => !f.startsWith('/node_modules/') && /\.(map|ts|tsx)$|^\/(main|preload|renderer|e2e|bench|scripts)\/|^\/out\/(node|bench)\//.test(f))).toEqual([])
    // No dev dependency (react, zod, plist… are bundled into out/), and no test stand-ins.
    expect(files.filter((f) => /node_modules\/(react|zod|plist|vite|electron|saxes)/.test(f))).toEqual([])
  })

  it('ships no regedit (the registry is read with reg.exe)', () => {
    expect(existsSync(join(unpacked, 'resources', 'regedit'))).toBe(false)
  })

  it('app.asar stays under 5 MB', () => {
    const size = statSync(join(unpacked, 'resources', 'app.asar')).size
    console.log(`app.asar: ${(size / 1024).toFixed(0)} KB`)
    expect(size).toBeLessThan(5 * 1024 * 1024)
  })

  it('flips the fuses of a release build', () => {
    expect(fuseWire(readFileSync(join(unpacked, 'plex-reclaim')))).toEqual({
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      LoadBrowserProcessSpecificV8Snapshot: '1',
      GrantFileProtocolExtraPrivileges: '0'
    })
  })

  it('ships the icon for the window and the desktop entry', () => {
    expect(existsSync(join(unpacked, 'resources', 'icon.png'))).toBe(true)
  })

  it('carries the Linux x64 CLI executable as its privileged helper: executable, with the released checksum', () => {
    const helper = join(unpacked, 'resources', 'bin', 'plex-reclaim')
    expect(existsSync(helper)).toBe(true)
    expect(statSync(helper).mode & 0o755).toBe(0o755)
    expect(sha256File(helper)).toBe(cli.sums.get(`plex-reclaim-${appVersion()}-linux-x64`))
    expect(sha256File(helper)).toBe(sha256File(cli.file('linux-x64')))
    // Shipped beside it: the checksum an AppImage's copy of the helper is checked against (main/index.ts).
    expect(readFileSync(join(unpacked, 'resources', 'bin', 'SHA256SUMS'), 'utf8')).toContain(`${sha256File(helper)}  plex-reclaim-${appVersion()}-linux-x64\n`)
  })

  it('the AppImage holds the AppStream metainfo where the AppImage spec puts it, and the desktop entry', () => {
    const holds = readFileSync(squashfs, 'utf8').split('\n')
    expect(holds).toContain(`./${METAINFO}`)
    expect(holds).toContain('./AppRun')
    expect(holds).toContain('./resources/bin/plex-reclaim')
    expect(readFileSync(join(`${squashfs}.share`, METAINFO.slice('usr/share/'.length)))).toEqual(readFileSync(join(root, 'assets', 'linux', METAINFO.split('/').pop()!)))
    const desktop = readFileSync(`${squashfs}.desktop`, 'utf8')
    expect(desktop).toMatch(/^Categories=Utility;System;$/m)
    expect(desktop).toMatch(/^Keywords=Plex;locked out;claim;/m)
  })
})
