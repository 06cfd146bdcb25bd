// `npm test`: every check that can run on this machine, then one plain closing line that CI reads:
// "N passed, N failed, N skipped". Gates (typecheck, lint, build, security scan) count as one check
// each; Vitest and Playwright count their tests from their JSON reports.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const reports = 'reports'
mkdirSync(reports, { recursive: true })
let passed = 0
let failed = 0
let skipped = 0

function step(name, command, args, env = {}) {
  const started = Date.now()
  process.stdout.write(`\n=== ${name}: ${command} ${args.join(' ')}\n`)
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  const ok = r.status === 0
  process.stdout.write(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
  return ok
}

function gate(name, command, args) {
  if (step(name, command, args)) passed += 1
  else failed += 1
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
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

/** A gate run beside others: its output is held and printed whole when it ends, so logs never interleave. */
function gateAsync(name, command, args) {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    const out = []
    child.stdout.on('data', (c) => out.push(c))
    child.stderr.on('data', (c) => out.push(c))
    child.once('close', (status, signal) => {
      const ok = status === 0
      process.stdout.write(`\n=== ${name}: ${command} ${args.join(' ')}\n${Buffer.concat(out).toString()}`)
      process.stdout.write(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${status ?? signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
      if (ok) passed += 1
      else failed += 1
      resolve(ok)
    })
  })
}

// Type checking and lint each keep about one core busy: side by side on the two a runner has.
await Promise.all([gateAsync('typecheck', 'npx', ['tsc', '-b']), gateAsync('lint', 'npx', ['eslint', '--max-warnings', '0', '.'])])
const built = step('build', 'npm', ['run', '-s', 'build'])
if (built) passed += 1
else failed += 1

rmSync(`${reports}/vitest.json`, { force: true })
const unitOk = step('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/vitest.json`])
const unit = readJson(`${reports}/vitest.json`)
if (unit) {
  passed += unit.numPassedTests
  failed += unit.numFailedTests
  skipped += unit.numPendingTests + (unit.numTodoTests ?? 0)
  if (!unitOk && unit.numFailedTests === 0) failed += 1 // a suite that failed to load
} else failed += 1

if (built) {
  rmSync(`${reports}/e2e.json`, { force: true })
  const e2eOk = step('e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/e2e.json` })
  const e2e = readJson(`${reports}/e2e.json`)
  if (e2e) {
    passed += e2e.stats.expected
    failed += e2e.stats.unexpected + e2e.stats.flaky
    skipped += e2e.stats.skipped
    for (const reason of skipReasons(e2e.suites)) process.stdout.write(`skipped: ${reason}\n`)
    if (!e2eOk && e2e.stats.unexpected === 0) failed += 1
  } else failed += 1
} else failed += 1

gate('security scan', 'node', ['scripts/security-scan.mjs'])

if (!existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) process.stdout.write('\nNote: no Chromium at /usr/bin/chromium; install it with apt-get install chromium.\n')
process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`)
process.exitCode = failed > 0 ? 1 : 0
