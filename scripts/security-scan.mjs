// Electronegativity over the app's sources, as a gate: it exits 0 whatever it finds, and its SARIF
// carries no severity or confidence (only note/warning), so the gate reads the same findings from
// its programmatic API, writes the SARIF report beside them, and fails on any HIGH or MEDIUM
// finding of FIRM or CERTAIN confidence. Accepted findings are suppressed in place (eng-disable).
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)
const BLOCKING_SEVERITY = new Set(['HIGH', 'MEDIUM'])
const BLOCKING_CONFIDENCE = new Set(['FIRM', 'CERTAIN'])
// Project rule 9 never trades these away, whatever grade Electronegativity gives them (it grades
// nodeIntegration: true as INFORMATIONAL).
const ALWAYS_BLOCKING = new Set(['NODE_INTEGRATION_JS_CHECK', 'NODE_INTEGRATION_HTML_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'WEB_SECURITY_HTML_CHECK', 'INSECURE_CONTENT_JS_CHECK', 'REMOTE_MODULE_JS_CHECK'])
// Fetches Electron's release list from the network: informational for a devDependency anyway.
const OFFLINE_EXCLUDES = ['AvailableSecurityFixesGlobalCheck']

/**
 * Electronegativity's i18n module fetches translations with got 11, whose retry after a failed DNS
 * lookup throws an uncaught error on Node 24 ("The `onCancel` handler was attached after the promise
 * settled"). The same set-up with its bundled English strings, without the fetch.
 */
function offlineI18n() {
  const path = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js')
  if (require.cache[path]) return
  const i18n = createRequire(path)('i18n')
  const setUp = async () => {
    i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: dirname(path), updateFiles: false, objectNotation: true, retryInDefaultLocale: true, register: global })
    i18n.setLocale('en-US')
  }
  require.cache[path] = { id: path, filename: path, loaded: true, exports: setUp }
}

/** Scans a folder; returns every finding and the blocking ones. */
export async function scan(input, { sarif } = {}) {
  offlineI18n()
  const run = require('@doyensec/electronegativity/dist/runner.js')
  const log = console.log
  console.log = () => {} // its progress bar and translation notices
  try {
    const result = await run({
      input,
      output: sarif,
      isSarif: Boolean(sarif),
      isRelative: true,
      electronVersionOverride: '45.5.0',
      excludeFromScan: OFFLINE_EXCLUDES
    })
    const findings = result.issues.map((i) => ({
      id: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: i.file,
      line: i.location?.line
    }))
    return { findings, blocking: findings.filter((f) => ALWAYS_BLOCKING.has(f.id) || (BLOCKING_SEVERITY.has(f.severity) && BLOCKING_CONFIDENCE.has(f.confidence))) }
  } finally {
    console.log = log
  }
}

/** The app's own sources only: tests hold deliberately insecure fixtures, out/ holds bundles. */
export function copyAppSources(root, dest) {
  const skipTests = (src) => !/\.test\.tsx?$/.test(src)
  for (const dir of ['main', 'preload', 'renderer']) cpSync(join(root, dir), join(dest, dir), { recursive: true, filter: skipTests })
  cpSync(join(root, 'package.json'), join(dest, 'package.json'))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(import.meta.dirname, '..')
  const work = mkdtempSync(join(tmpdir(), 'plex-reclaim-scan-'))
  mkdirSync(join(root, 'reports'), { recursive: true })
  try {
    copyAppSources(root, work)
    const { findings, blocking } = await scan(work, { sarif: join(root, 'reports', 'electronegativity.sarif') })
    for (const f of findings) console.log(`${blocking.includes(f) ? 'BLOCKING' : 'ok      '} ${f.id} ${f.severity}/${f.confidence} ${f.file}:${f.line ?? ''}`)
    console.log(`security scan: ${findings.length} findings, ${blocking.length} blocking`)
    process.exitCode = blocking.length ? 1 : 0
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
