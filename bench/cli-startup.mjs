// npm run bench:cli: size and start-up time (`--version`) of each CLI executable in dist/cli against
// `node out/node/cli.js --version`. Build first: npm run build && npm run dist:cli. The Windows one
// runs in the Wine prefix (Windows 10) that scripts/dist-cli/win-x64.test.ts makes in the cache.
// Uses hyperfine when it is installed; otherwise times N runs itself and prints the median and mean.
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const dist = join(root, 'dist', 'cli')
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version
const runs = Number(process.env.RUNS ?? 20)
const wineEnv = { ...process.env, WINEDEBUG: '-all', WINEPREFIX: join(process.env.XDG_CACHE_HOME || join(process.env.HOME ?? '/root', '.cache'), 'plex-reclaim-test', 'wine-prefix-cli') }

const candidates = [
  { label: 'node out/node/cli.js', file: join(root, 'out', 'node', 'cli.js'), command: [process.execPath, join(root, 'out', 'node', 'cli.js')] },
  { label: 'linux-x64 executable', file: join(dist, `plex-reclaim-${version}-linux-x64`), command: [join(dist, `plex-reclaim-${version}-linux-x64`)] },
  { label: 'linux-arm64 executable (qemu-aarch64-static)', file: join(dist, `plex-reclaim-${version}-linux-arm64`), command: ['/usr/bin/qemu-aarch64-static', join(dist, `plex-reclaim-${version}-linux-arm64`)], runs: Math.min(runs, 5) },
  { label: 'win-x64 executable (Wine)', file: join(dist, `plex-reclaim-${version}-win-x64.exe`), command: ['/usr/bin/wine', join(dist, `plex-reclaim-${version}-win-x64.exe`)], runs: Math.min(runs, 3), env: wineEnv }
]

/** One `--version` with its output on files: Windows Node under Wine dies (EBADF) on a pipe. */
function probeVersion(c) {
  const dir = mkdtempSync(join(tmpdir(), 'cli-bench-'))
  const fds = [openSync('/dev/null', 'r'), openSync(join(dir, 'out'), 'w'), openSync(join(dir, 'err'), 'w')]
  try {
    const r = spawnSync(c.command[0], [...c.command.slice(1), '--version'], { env: c.env ?? process.env, stdio: fds })
    return { status: r.status, stdout: readFileSync(join(dir, 'out'), 'utf8'), stderr: readFileSync(join(dir, 'err'), 'utf8') }
  } finally {
    fds.forEach((fd) => closeSync(fd))
    rmSync(dir, { recursive: true, force: true })
  }
}

const hyperfine = spawnSync('hyperfine', ['--version'], { encoding: 'utf8' }).status === 0
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

for (const c of candidates) {
  if (!existsSync(c.file)) {
    console.log(`${c.label}: missing (${c.file})`)
    continue
  }
  const size = c.label.startsWith('node ') ? readdirSync(join(root, 'out', 'node'), { recursive: true }).reduce((sum, f) => sum + (statSync(join(root, 'out', 'node', f)).isFile() ? statSync(join(root, 'out', 'node', f)).size : 0), 0) : statSync(c.file).size
  const sizeNote = c.label.startsWith('node ') ? `${mb(size)} (out/node, plus Node itself and node_modules/ssh2)` : mb(size)
  const probe = probeVersion(c)
  if (probe.status !== 0 || probe.stdout.trim() !== version) {
    const why = (probe.stderr.split('\n').find((l) => /Fatal|Error/.test(l)) ?? `exit ${probe.status}`).trim()
    console.log(`${c.label}: ${sizeNote}; does not run here: ${why}`)
    continue
  }
  if (hyperfine) {
    spawnSync('hyperfine', ['--warmup', '2', '--runs', String(c.runs ?? runs), '-N', [...c.command, '--version'].join(' ')], { stdio: 'inherit', env: c.env ?? process.env })
    console.log(`${c.label}: ${sizeNote}`)
    continue
  }
  const times = []
  for (let i = 0; i < (c.runs ?? runs) + 1; i++) {
    const started = process.hrtime.bigint()
    spawnSync(c.command[0], [...c.command.slice(1), '--version'], { env: c.env ?? process.env, stdio: 'ignore' })
    if (i > 0) times.push(Number(process.hrtime.bigint() - started) / 1e6) // the first run warms the page cache
  }
  times.sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)]
  const mean = times.reduce((a, b) => a + b, 0) / times.length
  console.log(`${c.label}: ${sizeNote}; --version median ${median.toFixed(0)} ms, mean ${mean.toFixed(0)} ms, min ${times[0].toFixed(0)} ms (${times.length} runs)`)
}
