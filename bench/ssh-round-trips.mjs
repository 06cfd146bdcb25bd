// Round trips over SSH where the user waits: detection, the file reset and the full service reset,
// against the real OpenSSH server of the tests (scripts/test-sshd.mjs) on loopback, the "remote"
// machine laid out in a temp root with the PMS simulator behind the systemctl stand-in. The server
// takes 1 s to stop and 2 s to start (many round trips, so waiting on the server is exercised).
// Each command runs directly and through a relay that delays every chunk by half the round trip in
// each direction (50 ms: a NAS over Wi-Fi or a VPN; 200 ms for the full reset: another continent):
//   round trips = (time through the relay - time direct) / RTT - the same for a bare login
//   (connect, authenticate, disconnect: no command at all, the one cost no tool can avoid).
// The relay also counts round trips as causal depth (scripts/test-sshd.mjs), which load does not
// blur. Targets (issue 27): detect at most 5, reset --file --no-service at most 10, the full
// service reset at most 18; at 200 ms the full reset adds less than 4 s beyond the bare login.
// Usage: node bench/ssh-round-trips.mjs [runs] [--trace]   (after npm run build; needs sshd, root)
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sshdAvailable, startRelay, startSshd } from '../scripts/test-sshd.mjs'

const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5)
const repo = join(import.meta.dirname, '..')
const cli = join(repo, 'out', 'node', 'cli.js')
const simulator = join(repo, 'out', 'node', 'pms-simulator.js')
if (!existsSync(cli) || !existsSync(simulator)) throw new Error('Build first: npm run build')
if (!sshdAvailable()) throw new Error('No sshd here (apt-get install openssh-server)')

const SIGNED_IN = '<?xml version="1.0" encoding="utf-8"?>\n<Preferences MachineIdentifier="11111111-2222-3333-4444-555555555555" ProcessedMachineIdentifier="abcdefabcdefabcdefabcdefabcdefabcdefabcd" PlexOnlineHome="1" PlexOnlineMail="kate@example.com" PlexOnlineToken="SECRETtoken123456789" PlexOnlineUsername="kate" FriendlyName="Den"/>\n'
const work = mkdtempSync(join(tmpdir(), 'plex-reclaim-ssh-bench-'))
const root = join(work, 'machine')
const dataDir = join(root, 'var/lib/plexmediaserver/Library/Application Support/Plex Media Server')
const prefs = join(dataDir, 'Preferences.xml')
mkdirSync(dataDir, { recursive: true })
mkdirSync(join(root, 'usr/lib/plexmediaserver'), { recursive: true })
mkdirSync(join(root, 'lib/systemd/system'), { recursive: true })
writeFileSync(join(root, 'lib/systemd/system/plexmediaserver.service'), '[Unit]\n')
writeFileSync(prefs, SIGNED_IN)

// The unit runs the simulator; the systemctl stand-in is first on the session's PATH.
const port = 32400 + Math.floor(Math.random() * 1000)
const systemdDir = join(work, 'systemd')
const bin = join(work, 'bin')
mkdirSync(systemdDir)
mkdirSync(bin)
const command = [process.execPath, simulator, '--data-dir', dataDir, '--port', String(port), '--plex-tv', 'http://127.0.0.1:9', '--start-delay-ms', '2000', '--stop-delay-ms', '1000']
writeFileSync(join(systemdDir, 'plexmediaserver.service.json'), JSON.stringify({ command, timeoutStopMs: 10_000 }))
writeFileSync(join(bin, 'systemctl'), `#!/bin/sh\nexec "${process.execPath}" "${join(repo, 'test', 'standins', 'systemctl.mjs')}" "$@"\n`)
chmodSync(join(bin, 'systemctl'), 0o755)
const env = { ...process.env, STANDIN_SYSTEMD_DIR: systemdDir, PATH: `${bin}:${process.env.PATH}` }
const systemctl = (verb) => spawnSync('systemctl', [verb, 'plexmediaserver'], { env, stdio: 'ignore' })
const listening = () =>
  new Promise((resolve) => {
    const s = connect(port, '127.0.0.1')
    s.once('connect', () => resolve(s.end() && true))
    s.once('error', () => resolve(false))
  })

const sshd = await startSshd({ PATH: env.PATH, STANDIN_SYSTEMD_DIR: systemdDir })
const direct = { port: sshd.port, close: () => {} }
const at50 = await startRelay(sshd.port, { delayMs: 25 })
const at200 = await startRelay(sshd.port, { delayMs: 100 })
const stopped = async () => {
  systemctl('stop')
  writeFileSync(prefs, SIGNED_IN)
}
const running = async () => {
  await stopped()
  systemctl('start')
  for (let i = 0; i < 500 && !(await listening()); i++) await new Promise((r) => setTimeout(r, 20))
}
const cases = {
  'bare login': { prepare: async () => {}, args: null },
  'detect --root R --json': { prepare: async () => {}, args: ['detect', '--root', root, '--json'], target: 5 },
  'reset --file F --no-service': { prepare: stopped, args: ['reset', '--file', prefs, '--no-service', '--yes'], target: 10 },
  'reset (stop, edit, start)': { prepare: running, args: ['reset', '--yes', '--root', root, '--port', String(port)], target: 18, slow: true }
}

async function time(relay, args) {
  const remote = ['--host', `root@127.0.0.1:${relay.port}`, '--identity', sshd.key, '--accept-host-key', sshd.fingerprint, '--backup-dir', join(work, 'backups')]
  const argv = args ? [cli, ...args, ...remote] : ['-e', bareLogin(relay.port)]
  // Not spawnSync: the relays live in this process and must keep forwarding meanwhile.
  const started = process.hrtime.bigint()
  const r = await new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (c) => (stderr += c))
    child.once('close', (status) => resolve({ status, stderr }))
  })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (r.status !== 0) throw new Error(`${args?.join(' ') ?? 'bare login'} failed: ${r.stderr}`)
  if (process.env.BENCH_STDERR) process.stderr.write(r.stderr)
  return ms
}

/** A login as the CLI makes it (ssh2, Nagle off), then logout: no command, the session's own cost. */
const bareLogin = (p) => `
const { Client } = require(${JSON.stringify(join(repo, 'node_modules', 'ssh2'))});
const c = new Client();
c.on('connect', () => c._sock.setNoDelay(true));
c.on('ready', () => c.end());
c.connect({ host: '127.0.0.1', port: ${p}, username: 'root', privateKey: require('fs').readFileSync(${JSON.stringify(sshd.key)}) });`

// The fastest run: on a shared machine the noise only ever adds time (and depth: a window adjust
// between two chunks of one answer), so the smallest of a few runs is the protocol's own.
const best = (list) => Math.min(...list)
async function measure(relay, rtt, c) {
  const d = []
  const r = []
  const counted = []
  for (let i = 0; i < runs; i++) {
    await c.prepare()
    d.push(await time(direct, c.args))
    await c.prepare()
    relay.reset()
    r.push(await time(relay, c.args))
    counted.push(relay.roundTrips())
  }
  return { direct: best(d), relay: best(r), trips: (best(r) - best(d)) / rtt, counted: best(counted) }
}
const results = {}
const wide = {}
try {
  for (const [name, c] of Object.entries(cases)) results[name] = await measure(at50, 50, c)
  for (const name of ['bare login', 'reset (stop, edit, start)']) wide[name] = await measure(at200, 200, cases[name])
} finally {
  systemctl('stop')
  at50.close()
  at200.close()
  sshd.stop()
}
const s = (ms) => `${(ms / 1000).toFixed(2)} s`
const bare = results['bare login']
console.log(`SSH round trips at 50 ms RTT (fastest of ${runs}); the server stops in 1 s and starts in 2 s`)
console.log('timed = (through the relay - direct) / RTT; counted = causal request/response depth seen by the relay')
console.log(`${'bare login (no command)'.padEnd(28)} direct ${s(bare.direct)}, at 50 ms ${s(bare.relay)}: ${bare.trips.toFixed(1)} timed, ${bare.counted} counted`)
for (const [name, { direct: d, relay: r, trips, counted }] of Object.entries(results)) {
  if (name === 'bare login') continue
  const timed = trips - bare.trips
  const depth = counted - bare.counted
  const target = cases[name].target
  // The verdict goes by the counted depth: on a shared machine the timed figure moves by a few.
  console.log(`${name.padEnd(28)} direct ${s(d)}, at 50 ms ${s(r)}; beyond the bare login: ${timed.toFixed(1)} timed, ${depth} counted (target <= ${target}: ${depth <= target ? 'met' : 'NOT met'})`)
}
const full = wide['reset (stop, edit, start)']
const added = full.relay - full.direct - (wide['bare login'].relay - wide['bare login'].direct)
console.log(`${'full reset at 200 ms RTT'.padEnd(28)} direct ${s(full.direct)}, at 200 ms ${s(full.relay)}; beyond the bare login it adds ${s(added)} (${(added / 200).toFixed(1)} timed, ${full.counted - wide['bare login'].counted} counted; target < 4 s: ${added < 4000 ? 'met' : 'NOT met'})`)
rmSync(work, { recursive: true, force: true })
