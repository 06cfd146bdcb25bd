// How long a CLI reset of a large Preferences.xml takes (verified backup, atomic write, read-back
// verification), against a bare `node -e ""` on the same machine. Informational only: the former
// target of under 1.2x is retired (issue 18). The CLI's ~30 ms of local start-up is not where a
// user waits, and meeting it cost a second, blocking copy of the file layer and a hand-tuned XML
// check; the blocking copy is gone, and the check stays for correctness, not speed.
// Usage: node bench/reset-cli.mjs [runs] [kilobytes]   (after npm run build)
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { largePreferences } from './preferences-fixture.mjs'

const runs = Number(process.argv[2] ?? 40)
const kb = Number(process.argv[3] ?? 117)
const cli = join(import.meta.dirname, '..', 'out', 'node', 'cli.js')
if (!existsSync(cli)) throw new Error('Build first: npm run build')

const work = mkdtempSync(join(tmpdir(), 'plex-reclaim-bench-'))
const file = join(work, 'Preferences.xml')
const xml = largePreferences(kb * 1024)

/** Runs the commands in turn, round after round, so drift on a busy machine hits them alike. */
function timeInterleaved(cases) {
  const samples = cases.map(() => [])
  for (let round = 0; round < runs + 3; round++) {
    cases.forEach(({ prepare, command, args }, k) => {
      prepare()
      const started = process.hrtime.bigint()
      const r = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] })
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`)
      if (round >= 3) samples[k].push(ms) // the first rounds warm the page cache
    })
  }
  return samples.map((list) => {
    list.sort((a, b) => a - b)
    return { median: list[Math.floor(list.length / 2)], p10: list[Math.floor(list.length * 0.1)], p90: list[Math.floor(list.length * 0.9)] }
  })
}

const fmt = (t) => `median ${t.median.toFixed(1)} ms (p10 ${t.p10.toFixed(1)}, p90 ${t.p90.toFixed(1)})`
const fresh = () => writeFileSync(file, xml)
const xmlstarlet = spawnSync('xmlstarlet', ['--version']).status === 0
const cases = [
  { prepare: () => {}, command: process.execPath, args: ['-e', ''] },
  { prepare: fresh, command: process.execPath, args: [cli, 'reset', '--file', file, '--no-service', '--yes', '--backup-dir', join(work, 'backups')] }
]
if (xmlstarlet) {
  const keys = ['PlexOnlineHome', 'PlexOnlineMail', 'PlexOnlineToken', 'PlexOnlineUsername']
  cases.push({ prepare: fresh, command: 'xmlstarlet', args: ['ed', '--inplace', ...keys.flatMap((k) => ['-d', `/Preferences/@${k}`]), file] })
}
const [baseline, reset, xs] = timeInterleaved(cases)
console.log(`file: ${(xml.length / 1024).toFixed(0)} KB, ${runs} rounds, interleaved`)
console.log(`node -e "":                          ${fmt(baseline)}`)
console.log(`plex-reclaim reset (+ backup):       ${fmt(reset)}  ratio ${(reset.median / baseline.median).toFixed(2)}x (no target)`)
if (xs) console.log(`xmlstarlet ed --inplace (no backup): ${fmt(xs)}  ratio ${(xs.median / baseline.median).toFixed(2)}x`)
rmSync(work, { recursive: true, force: true })
