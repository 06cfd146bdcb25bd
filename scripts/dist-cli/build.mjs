// `npm run dist:cli`: the release CLI as single executables (Node SEA) for Linux x64, Linux arm64 and
// Windows x64, plus the npm package, into dist/cli/ with a SHA256SUMS file.
//   dist/cli/plex-reclaim-VERSION-linux-x64, -linux-arm64, -win-x64.exe, plex-reclaim-VERSION.tgz
// The work is skipped when dist/cli/ already holds the output of the same bundle, Node version and
// build script (the key in dist/cli/.build-key), so tests can call this once per run cheaply.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join } from 'node:path'
import { withLock } from './lock.mjs'
import { NODE_VERSION, TARGETS, hostTarget, nodeBinary } from './node-binaries.mjs'

const root = join(import.meta.dirname, '..', '..')
const out = join(root, 'dist', 'cli')
const require = createRequire(import.meta.url)
// The fuse Node looks for to know a blob was injected (Node's single-executable-applications docs).
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'

const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version
const log = (line) => process.stderr.write(`dist:cli: ${line}\n`)
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex')

export const executableName = (target) => `plex-reclaim-${version}-${target.name}${target.suffix}`
export const packageName = () => `plex-reclaim-${version}.tgz`

function bundle(mode) {
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', 'vite.cli-release.config.mts', '--mode', mode, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  return join(root, mode === 'npm' ? 'out/cli-npm' : 'out/cli-release', 'plex-reclaim.cjs')
}

/** The SEA blob, made by the same Node version as every target binary (the host's build of it). */
function makeBlob(main, work) {
  const blob = join(work, 'sea-prep.blob')
  const config = join(work, 'sea-config.json')
  // No code cache or snapshot: both are tied to the CPU that made them, and one blob serves three targets.
  // execArgvExtension "none": NODE_OPTIONS is ignored, so no code named by the environment runs in
  // the privileged helper (sudo -E keeps the caller's environment; Node 22.20+ reads this field).
  writeFileSync(config, JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false, execArgvExtension: 'none' }))
  execFileSync(nodeBinary(hostTarget()), ['--experimental-sea-config', config], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] })
  return blob
}

async function makeExecutable(target, blob, work) {
  const { inject } = require('postject')
  const file = join(work, executableName(target))
  copyFileSync(nodeBinary(target), file)
  chmodSync(file, 0o755)
  await inject(file, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: SEA_FUSE })
  return file
}

/** The npm package: the bundled CLI (ssh2 kept as its one dependency), README and license. */
function makePackage(main, work) {
  const stage = join(work, 'package')
  cpSync(join(root, 'cli-package'), stage, { recursive: true })
  copyFileSync(main, join(stage, 'plex-reclaim.cjs'))
  chmodSync(join(stage, 'plex-reclaim.cjs'), 0o755)
  const manifest = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'))
  const ssh2 = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies.ssh2
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify({ ...manifest, version, dependencies: { ssh2 } }, null, 2)}\n`)
  execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: stage, stdio: ['ignore', 'ignore', 'inherit'] })
  return join(work, packageName())
}

export async function distCli() {
  const seaMain = bundle('sea')
  const npmMain = bundle('npm')
  const script = ['build.mjs', 'node-binaries.mjs'].map((f) => readFileSync(join(import.meta.dirname, f), 'utf8')).join('')
  const manifest = readFileSync(join(root, 'cli-package', 'package.json'), 'utf8')
  const key = sha256([NODE_VERSION, version, readFileSync(seaMain), readFileSync(npmMain), script, manifest].join('\0'))
  const files = [...TARGETS.map(executableName), packageName()]
  const keyFile = join(out, '.build-key')
  if (existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key && files.every((f) => existsSync(join(out, f)))) {
    log(`up to date (${files.length} files in dist/cli)`)
    return { dir: out, files }
  }
  const work = join(root, 'dist', `.cli-work-${process.pid}`)
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  try {
    const started = Date.now()
    const blob = makeBlob(seaMain, work)
    const built = []
    for (const target of TARGETS) built.push(await makeExecutable(target, blob, work))
    built.push(makePackage(npmMain, work))
    const sums = built.map((file) => `${sha256(readFileSync(file))}  ${basename(file)}\n`).join('')
    rmSync(out, { recursive: true, force: true })
    mkdirSync(out, { recursive: true })
    for (const file of built) renameSync(file, join(out, basename(file)))
    writeFileSync(join(out, 'SHA256SUMS'), sums)
    writeFileSync(keyFile, key)
    log(`built ${files.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  return { dir: out, files }
}

if (process.argv[1] === import.meta.filename) {
  // npm run dist: only a Linux app carries the executables (its privileged helper).
  if (process.argv.includes('--linux-only') && process.platform !== 'linux') log('skipped: the CLI executables go only into the Linux app')
  else await withLock(join(root, 'dist', '.cli-lock'), distCli)
}
