// A local reset's own overhead beyond the server's stop and start (issue 27 item 4: target under
// 300 ms). Plex's .deb layout in a temp root, its unit run by the systemctl stand-in with the server
// simulator behind it (stop and start delays configurable), the test CLI entry (plex.tv a local
// listener: the preflight asks it, as when a claim follows). Each round times, interleaved:
//   stop:  `systemctl stop` until it returns (the stand-in waits for the process to end),
//   start: `systemctl start` until GET /identity answers (polled every 5 ms),
//   reset: `plex-reclaim reset --yes` (backup, stop, edit, start, check unclaimed), whole.
// overhead = reset - (stop + start), per round; the run log's per-step times are printed for the last.
// Usage: node bench/local-reset-overhead.mjs [rounds] [stopDelayMs] [startDelayMs]   (after npm run build)
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createServer as netServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'

const rounds = Number(process.argv[2] ?? 10)
const stopDelayMs = Number(process.argv[3] ?? 1000)
const startDelayMs = Number(process.argv[4] ?? 2000)
const repo = join(import.meta.dirname, '..')
const cli = join(repo, 'out', 'test', 'cli-test.js')
const simulator = join(repo, 'out', 'node', 'pms-simulator.js')
if (!existsSync(cli) || !existsSync(simulator)) throw new Error('Build first: npm run build:node')

const SIGNED_IN = '<?xml version="1.0" encoding="utf-8"?>\n<Preferences MachineIdentifier="11111111-2222-3333-4444-555555555555" ProcessedMachineIdentifier="abcdefabcdefabcdefabcdefabcdefabcdefabcd" PlexOnlineHome="1" PlexOnlineMail="kate@example.com" PlexOnlineToken="SECRETtoken123456789" PlexOnlineUsername="kate" FriendlyName="Den"/>\n'
const work = mkdtempSync(join(tmpdir(), 'plex-reclaim-overhead-'))
const root = join(work, 'root')
const dataDir = join(root, 'var/lib/plexmediaserver/Library/Application Support/Plex Media Server')
for (const d of [dataDir, join(root, 'usr/lib/plexmediaserver'), join(root, 'lib/systemd/system'), join(work, 'systemd'), join(work, 'bin')]) mkdirSync(d, { recursive: true })
writeFileSync(join(root, 'lib/systemd/system/plexmediaserver.service'), '[Unit]\n')
const bin = join(work, 'bin')
writeFileSync(join(bin, 'systemctl'), `#!/bin/sh\nexec "${process.execPath}" "${join(repo, 'test/standins/systemctl.mjs')}" "$@"\n`)
chmodSync(join(bin, 'systemctl'), 0o755)

const port = await new Promise((resolve) => {
  const s = netServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port
    s.close(() => resolve(p))
  })
})
const plexTv = createServer((_req, res) => res.writeHead(200, { date: new Date().toUTCString() }).end())
await new Promise((r) => plexTv.listen(0, '127.0.0.1', r))
const plexTvUrl = `http://127.0.0.1:${plexTv.address().port}`
const command = [process.execPath, simulator, '--data-dir', dataDir, '--port', String(port), '--plex-tv', plexTvUrl, '--start-delay-ms', String(startDelayMs), '--stop-delay-ms', String(stopDelayMs)]
writeFileSync(join(work, 'systemd', 'plexmediaserver.service.json'), JSON.stringify({ command, timeoutStopMs: 90_000 }))
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}`, STANDIN_SYSTEMD_DIR: join(work, 'systemd'), STANDIN_AS_USER: '0', PLEX_RECLAIM_PLEXTV_URL: plexTvUrl, DOCKER_HOST: `unix://${join(work, 'no-docker.sock')}` }

const now = () => performance.now()
const systemctl = (verb) => {
  const r = spawnSync('systemctl', [verb, 'plexmediaserver'], { env })
  if (r.status !== 0) throw new Error(`systemctl ${verb}: ${r.stderr}`)
}
const answers = async () => {
  try {
    return (await fetch(`http://127.0.0.1:${port}/identity`, { signal: AbortSignal.timeout(500) })).status === 200
  } catch {
    return false
  }
}
const untilAnswering = async () => {
  while (!(await answers())) await new Promise((r) => setTimeout(r, 5))
}

async function round() {
  writeFileSync(join(dataDir, 'Preferences.xml'), SIGNED_IN)
  systemctl('start')
  await untilAnswering()
  let t = now()
  systemctl('stop')
  const stop = now() - t
  t = now()
  systemctl('start')
  await untilAnswering()
  const start = now() - t
  t = now()
  // Not spawnSync: the plex.tv listener lives in this process and must answer the preflight.
  const r = await new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'reset', '--root', root, '--yes', '--port', String(port), '--backup-dir', join(work, 'backups')], { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (c) => (stderr += c))
    child.once('close', (status) => resolve({ status, stderr }))
  })
  const reset = now() - t
  if (r.status !== 0) throw new Error(`reset failed: ${r.stderr}`)
  systemctl('stop')
  return { stop, start, reset, overhead: reset - stop - start }
}

const samples = []
for (let i = 0; i < rounds; i++) samples.push(await round())
const median = (key) => {
  const list = samples.map((s) => s[key]).sort((a, b) => a - b)
  return list[Math.floor(list.length / 2)]
}
const spread = (key) => {
  const list = samples.map((s) => s[key]).sort((a, b) => a - b)
  return `p10 ${list[Math.floor(list.length * 0.1)].toFixed(0)}, p90 ${list[Math.floor(list.length * 0.9)].toFixed(0)}`
}
const bare = spawnSync(process.execPath, ['-e', ''])
const t0 = now()
for (let i = 0; i < 5; i++) spawnSync(process.execPath, ['-e', ''])
const nodeStart = (now() - t0) / 5
console.log(`server delays: stop ${stopDelayMs} ms, start ${startDelayMs} ms; ${rounds} rounds (median, p10/p90)`)
console.log(`server stop (systemctl stop):               ${median('stop').toFixed(0)} ms (${spread('stop')})`)
console.log(`server start (systemctl start to /identity): ${median('start').toFixed(0)} ms (${spread('start')})`)
console.log(`plex-reclaim reset, whole:                   ${median('reset').toFixed(0)} ms (${spread('reset')})`)
console.log(`reset's own overhead (reset - stop - start): ${median('overhead').toFixed(0)} ms (${spread('overhead')})  target < 300 ms`)
console.log(`  of which a bare node start-up (node -e ""): ${bare.status === 0 ? nodeStart.toFixed(0) : '?'} ms`)
const runs = join(work, 'backups', 'runs')
const log = existsSync(runs) ? readdirSync(runs).filter((f) => f.endsWith('.log')).sort().pop() : undefined
if (log) {
  console.log('the last run\'s steps (from its log):')
  for (const line of readFileSync(join(runs, log), 'utf8').split('\n')) {
    const m = / (\S+) done in (\d+) ms/.exec(line)
    if (m) console.log(`  ${m[1].padEnd(18)} ${m[2].padStart(5)} ms`)
  }
}
plexTv.close()
if (!process.env.KEEP) rmSync(work, { recursive: true, force: true })
else console.log(work)
