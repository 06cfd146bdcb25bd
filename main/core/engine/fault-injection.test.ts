import { spawn } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BackupStore, sha256 } from '../backups/store'
import { LocalHost } from '../host/local'
import { readIdentity } from '../server/identity'
import { TEST_CLI as CLI, linuxServer, type LinuxServer } from '../../../test/support/linux-server'
import { SIGNED_IN, SIGNED_OUT } from '../../../test/support/temp'
import { RunRegistry } from './registry'
import { serverAnswers, until } from '../../../test/support/until'

/**
 * The fault-injection suite: the CLI is killed with SIGKILL at every step boundary and at random
 * points inside a run. After each kill the settings are byte-identical to the original or to the
 * expected result, a verified backup exists whenever they changed, and `resume` brings the run to
 * a consistent end with the server running and unclaimed.
 */
const host = new LocalHost()
const BOUNDARIES = ['preflight', 'backup', 'verify-backup', 'stop', 'verify-stopped', 'remove', 'verify-store', 'start', 'verify-unclaimed'].flatMap((s) => [`before:${s}`, `after:${s}`])
const POINTS = [...BOUNDARIES, 'inside:remove']
const RANDOM_KILLS = 50

let m: LinuxServer
beforeAll(async () => {
  m = await linuxServer({ startDelayMs: 20, stopDelayMs: 20 })
})
afterAll(() => m.dispose())

/** Asynchronous, so the plex.tv stand-in in this process can answer the run's preflight. */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args, '--port', String(m.port), '--backup-dir', m.backups], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (c) => (stderr += c))
    child.once('close', (status, signal) => resolve({ status, signal, stderr }))
  })
}

async function fresh(): Promise<void> {
  m.systemctl('stop', 'plexmediaserver')
  const { rmSync, writeFileSync } = await import('node:fs')
  rmSync(m.backups, { recursive: true, force: true })
  writeFileSync(m.preferences, SIGNED_IN)
  m.systemctl('start', 'plexmediaserver')
  await serverAnswers(m.port)
}

/**
 * A stop or start the killed CLI had asked for goes on without it (systemctl finishes its job), and
 * the server rewrites its own settings as it stops. The invariant is about our writes, so it is
 * checked once those have settled.
 */
async function settled(): Promise<void> {
  const busy = (): boolean =>
    readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .some((p) => {
        try {
          return /standins\/(systemctl|pkexec)\.mjs/.test(readFileSync(`/proc/${p}/cmdline`, 'latin1'))
        } catch {
          return false
        }
      })
  await until('the stand-ins to finish', () => !busy(), { timeoutMs: 15_000, intervalMs: 50 })
}

/** The invariant after a kill, then resume, then the final state. */
async function checkAndResume(label: string): Promise<void> {
  await settled()
  const bytes = readFileSync(m.preferences, 'utf8')
  expect([SIGNED_IN, SIGNED_OUT], `${label}: the settings are the original or the final bytes`).toContain(bytes)
  const backups = new BackupStore(m.backups, host)
  if (bytes === SIGNED_OUT) {
    const verified = await Promise.all((await backups.list()).map((b) => backups.readVerified(b.id).then((v) => sha256(v.payload) === sha256(Buffer.from(SIGNED_IN)), () => false)))
    expect(verified.includes(true), `${label}: a verified backup of the original exists`).toBe(true)
  }
  const cutOff = await new RunRegistry(host, m.backups).cutOff()
  if (cutOff.length > 0) {
    const r = await cli(['resume', '--root', m.root])
    expect(r.status, `${label}: resume exits 0 (${r.stderr})`).toBe(0)
  } else if (bytes === SIGNED_IN) {
    // Killed before the run wrote anything: nothing changed, and a new run does the job.
    const r = await cli(['reset', '--root', m.root, '--yes'])
    expect(r.status, `${label}: a new run exits 0 (${r.stderr})`).toBe(0)
  }
  expect(readFileSync(m.preferences, 'utf8'), `${label}: final bytes`).toBe(SIGNED_OUT)
  expect(await readIdentity(m.port), `${label}: running and unclaimed`).toMatchObject({ claimed: false })
  expect(await new RunRegistry(host, m.backups).cutOff(), `${label}: no run left unfinished`).toEqual([])
}

/** Kills `args` at each boundary of its plan, resumes, and checks the bytes and the server after each. */
async function killAtEveryBoundary(args: string[], steps: readonly string[], expected: string, prepare: () => Promise<void>): Promise<void> {
  for (const point of [...steps.flatMap((s) => [`before:${s}`, `after:${s}`])]) {
    await prepare()
    const r = await cli(args, { PLEX_RECLAIM_FAULT_AT: point })
    expect(r.signal, `${point}: the process was killed there`).toBe('SIGKILL')
    await settled()
    expect([SIGNED_IN, SIGNED_OUT], `${point}: original or final bytes`).toContain(readFileSync(m.preferences, 'utf8'))
    if ((await new RunRegistry(host, m.backups).cutOff()).length > 0) {
      const resumed = await cli(['resume', ...args.filter((a) => a === '--root' || a === m.root)])
      expect(resumed.status, `${point}: resume exits 0 (${resumed.stderr})`).toBe(0)
    } else {
      const again = await cli(args)
      expect(again.status, `${point}: a new run exits 0 (${again.stderr})`).toBe(0)
    }
    expect(readFileSync(m.preferences, 'utf8'), `${point}: final bytes`).toBe(expected)
    expect(await new RunRegistry(host, m.backups).cutOff(), `${point}: no run left unfinished`).toEqual([])
  }
}

describe('fault injection', () => {
  it('reset --no-service (the user stopped the server): killed at every boundary, then resumed', async () => {
    const prepare = async (): Promise<void> => {
      await fresh()
      m.systemctl('stop', 'plexmediaserver')
      const { writeFileSync } = await import('node:fs')
      writeFileSync(m.preferences, SIGNED_IN)
    }
    // No stop step runs: the user stopped the server (its step is reported skipped, with no boundary).
    await killAtEveryBoundary(['reset', '--file', m.preferences, '--no-service', '--yes'], ['preflight', 'backup', 'verify-backup', 'verify-stopped', 'remove', 'verify-store'], SIGNED_OUT, prepare)
    m.systemctl('start', 'plexmediaserver')
  }, 300_000)

  it('restore of a backup (also the plan behind rollback): killed at every boundary, then resumed', async () => {
    let backupId = ''
    const prepare = async (): Promise<void> => {
      await fresh()
      expect((await cli(['reset', '--root', m.root, '--yes'])).status).toBe(0)
      backupId = (await new BackupStore(m.backups, host).list())[0]!.id
    }
    await prepare()
    const steps = ['verify-backup', 'stop', 'verify-stopped', 'backup', 'restore', 'verify-store', 'start', 'verify-started']
    for (const point of steps.flatMap((s) => [`before:${s}`, `after:${s}`])) {
      await prepare()
      const r = await cli(['restore', backupId, '--root', m.root, '--yes'], { PLEX_RECLAIM_FAULT_AT: point })
      expect(r.signal, `${point}: killed there`).toBe('SIGKILL')
      await settled()
      expect([SIGNED_IN, SIGNED_OUT], `${point}: original or final bytes`).toContain(readFileSync(m.preferences, 'utf8'))
      if ((await new RunRegistry(host, m.backups).cutOff()).length > 0) expect((await cli(['resume', '--root', m.root])).status, `${point}: resume`).toBe(0)
      else expect((await cli(['restore', backupId, '--root', m.root, '--yes'])).status, `${point}: again`).toBe(0)
      expect(readFileSync(m.preferences, 'utf8'), `${point}: the backup is back`).toBe(SIGNED_IN)
      expect(await readIdentity(m.port), `${point}: running`).not.toBeNull()
    }
  }, 400_000)

  it(`kill at each of ${POINTS.length} step boundaries, then resume`, async () => {
    for (const point of POINTS) {
      await fresh()
      const r = await cli(['reset', '--root', m.root, '--yes'], { PLEX_RECLAIM_FAULT_AT: point })
      expect(r.signal, `${point}: the process was killed there`).toBe('SIGKILL')
      await checkAndResume(point)
    }
  }, 300_000)

  // A real SIGKILL (not an error thrown in-process) then rollback: the original bytes and a running,
  // still-claimed server, and nothing left unfinished. About 1.5 s a point.
  it.each(['after:stop', 'after:remove', 'after:verify-store', 'before:start'])('killed (SIGKILL) at %s, then rolled back', async (point) => {
    await fresh()
    const r = await cli(['reset', '--root', m.root, '--yes'], { PLEX_RECLAIM_FAULT_AT: point })
    expect(r.signal, `${point}: the process was killed there`).toBe('SIGKILL')
    await settled()
    const cutOff = await new RunRegistry(host, m.backups).cutOff()
    expect(cutOff.map((j) => j.kind), `${point}: one cut-off reset`).toEqual(['reset'])
    const back = await cli(['rollback', cutOff[0]!.runId, '--root', m.root])
    expect(back.status, `${point}: rollback exits 0 (${back.stderr})`).toBe(0)
    expect(readFileSync(m.preferences, 'utf8'), `${point}: the original bytes`).toBe(SIGNED_IN)
    await serverAnswers(m.port)
    expect(await readIdentity(m.port), `${point}: running and still claimed`).toMatchObject({ claimed: true })
    expect(await new RunRegistry(host, m.backups).cutOff(), `${point}: no run left unfinished`).toEqual([])
  }, 60_000)

  it(`kill at ${RANDOM_KILLS} random points inside a run, then resume`, async () => {
    await fresh()
    const started = Date.now()
    expect((await cli(['reset', '--root', m.root, '--yes'])).status).toBe(0)
    const runMs = Date.now() - started
    // A seeded generator: a failure names the seed and the delay, so it can be replayed.
    let seed = Number(process.env.FAULT_SEED ?? 20261128)
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (let i = 0; i < RANDOM_KILLS; i++) {
      await fresh()
      const delay = Math.floor(random() * runMs)
      const child = spawn(process.execPath, [CLI, 'reset', '--root', m.root, '--yes', '--port', String(m.port), '--backup-dir', m.backups], { stdio: 'ignore' })
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      await new Promise((r) => setTimeout(r, delay))
      child.kill('SIGKILL')
      await exited
      await checkAndResume(`random kill ${i} after ${delay} ms (seed ${process.env.FAULT_SEED ?? 20261128})`)
    }
  }, 600_000)
})
