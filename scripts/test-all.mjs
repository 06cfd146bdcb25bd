// `npm test`: every check that can run on this machine, then one plain closing line that CI reads:
// "N passed, N failed, N skipped". Gates (typecheck, lint, build, security scan) count as one check
// each; Vitest and Playwright count their tests from their JSON reports.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const reports = 'reports'
mkdirSync(reports, { recursive: true })
let passed = 0
let failed = 0
let skipped = 0

/**
 * One stage as a child process. held: its output is kept and printed whole when it ends, so a
 * stage run beside another never interleaves with it; otherwise it goes straight to the terminal.
 */
function stage(name, command, args, { env = {}, held = false } = {}) {
  const started = Date.now()
  const title = `\n=== ${name}: ${command} ${args.join(' ')}\n`
  if (!held) process.stdout.write(title)
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...env } })
    const out = []
    child.stdout?.on('data', (c) => out.push(c))
    child.stderr?.on('data', (c) => out.push(c))
    child.once('error', (error) => out.push(Buffer.from(`${error.message}\n`)))
    child.once('close', (status, signal) => {
      const ok = status === 0
      if (held) process.stdout.write(`${title}${Buffer.concat(out).toString()}`)
      process.stdout.write(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${status ?? signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
      resolve(ok)
    })
  })
}

const count = (ok) => (ok ? (passed += 1) : (failed += 1))

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null // no report (the runner did not start): counted as a failure by the caller
  }
}

/** Vitest's JSON report added to the counts; a run that failed without a failed test (a file that did not load) counts one. */
function countVitest(ok, path) {
  const report = readJson(path)
  if (!report) return void (failed += 1)
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + (report.numTodoTests ?? 0)
  if (!ok && report.numFailedTests === 0) failed += 1
}

/** Playwright keeps test.skip(condition, reason) as an annotation; print it so the reason is in the log. */
function skipReasons(suites = [], trail = []) {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).flatMap((spec) =>
      spec.tests.flatMap((t) => t.annotations.filter((a) => a.type === 'skip').map((a) => `${[...trail, suite.title, spec.title].filter(Boolean).join(' › ')}: ${a.description ?? 'no reason given'}`))
    ),
    ...skipReasons(suite.suites, [...trail, suite.title])
  ])
}

// Type checking and lint each keep about one core busy: side by side on the two a runner has.
for (const ok of await Promise.all([stage('typecheck', 'npx', ['tsc', '-b'], { held: true }), stage('lint', 'npx', ['eslint', '--max-warnings', '0', '.'], { held: true })])) count(ok)
const built = await stage('build', 'npm', ['run', '-s', 'build'])
count(built)

// The real parts (systemd-nspawn, dockerd, pkexec: mostly waiting on boots, about 90 s warm) run in
// a Vitest of their own beside the unit tests, which keep Vitest's one worker on two cores. The
// build above made out/node, so neither rebuilds it under the other (scripts/vitest-global-setup.ts).
const vitestRuns = [
  { name: 'unit', projects: ['main', 'renderer'], report: `${reports}/vitest.json`, held: false },
  { name: 'real parts', projects: ['real'], report: `${reports}/vitest-real.json`, held: true }
]
for (const r of vitestRuns) rmSync(r.report, { force: true })
const vitestOk = await Promise.all(
  vitestRuns.map((r) =>
    stage(r.name, 'npx', ['vitest', 'run', ...r.projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${r.report}`], {
      held: r.held,
      env: built ? { PLEX_RECLAIM_TEST_BUILT: '1' } : {}
    })
  )
)
vitestRuns.forEach((r, i) => countVitest(vitestOk[i], r.report))

if (built) {
  rmSync(`${reports}/e2e.json`, { force: true })
  const e2eOk = await stage('e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], { env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/e2e.json` } })
  const e2e = readJson(`${reports}/e2e.json`)
  if (e2e) {
    passed += e2e.stats.expected
    failed += e2e.stats.unexpected + e2e.stats.flaky
    skipped += e2e.stats.skipped
    for (const reason of skipReasons(e2e.suites)) process.stdout.write(`skipped: ${reason}\n`)
    if (!e2eOk && e2e.stats.unexpected === 0) failed += 1
  } else failed += 1
} else failed += 1

count(await stage('security scan', 'node', ['scripts/security-scan.mjs']))

if (!existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) process.stdout.write('\nNote: no Chromium at /usr/bin/chromium; install it with apt-get install chromium.\n')
process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`)
process.exitCode = failed > 0 ? 1 : 0
