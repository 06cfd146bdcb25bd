// How long after Plex Media Server's process exits the stop is noticed (target: under 250 ms).
// The simulator runs as our child, so its exit is seen at the exact moment; the wait polls the
// pid file and /identity as the reset does. Run: npm run bench (after npm run build).
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LocalHost } from '../main/core/host/local'
import { waitFor, type ServerTarget } from '../main/core/server/control'
import { readIdentity } from '../main/core/server/identity'

const rounds = Number(process.argv[2] ?? 20)
const simulator = join(__dirname, '..', 'node', 'pms-simulator.js')
const host = new LocalHost()

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

/** SIGTERM: the graceful stop. SIGKILL: a crash, which leaves the pid file behind. */
async function round(signal: 'SIGTERM' | 'SIGKILL'): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plex-reclaim-stopbench-'))
  writeFileSync(join(dataDir, 'Preferences.xml'), '<?xml version="1.0" encoding="utf-8"?>\n<Preferences MachineIdentifier="x" PlexOnlineToken="t"/>\n')
  const port = await freePort()
  const child = spawn(process.execPath, [simulator, '--data-dir', dataDir, '--port', String(port), '--stop-delay-ms', '300'], { stdio: 'ignore' })
  while (!(await readIdentity(port, 200))) await new Promise((r) => setTimeout(r, 10))
  const target: ServerTarget = { control: { kind: 'manual', hint: '' }, pidFile: join(dataDir, 'plexmediaserver.pid'), port }
  // SIGKILL ends the process at once; after SIGTERM it exits when its own stop is done.
  const exited = new Promise<number>((resolve) => child.once('exit', () => resolve(performance.now())))
  const noticed = waitFor(host, target, 'stop', { timeoutMs: 10_000 }).then(() => performance.now())
  const killedAt = performance.now()
  child.kill(signal)
  const [noticedAt, exitEventAt] = await Promise.all([noticed, exited])
  const exitedAt = signal === 'SIGKILL' ? killedAt : exitEventAt
  // Noticed before Node reported the exit (the pid file went first): no delay at all.
  return Math.max(0, noticedAt - exitedAt)
}

async function main(): Promise<void> {
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    const samples: number[] = []
    for (let i = 0; i < rounds; i++) samples.push(await round(signal))
    samples.sort((a, b) => a - b)
    const at = (q: number): string => samples[Math.min(samples.length - 1, Math.floor(samples.length * q))]!.toFixed(0)
    console.log(`stop noticed after the process exited (${signal}), ${rounds} rounds: median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${samples[samples.length - 1]!.toFixed(0)} ms (target < 250 ms)`)
  }
}

void main()
