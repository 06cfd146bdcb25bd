import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLI } from '../../test/support/linux-server'
import { SIGNED_IN, SIGNED_OUT, layOut, tempDir } from '../../test/support/temp'

const OFFLINE = join(import.meta.dirname, '..', '..', 'test', 'support', 'offline-run.mjs')
const offline = process.getuid?.() === 0 && existsSync('/usr/bin/unshare') && existsSync('/usr/sbin/ip') ? null : 'needs root, unshare and ip (a network namespace with only loopback)'

interface Outcome {
  readonly results: ReadonlyArray<{ code: number | null; signal: string | null; stderr: string }>
  readonly plexTvConnections: number
  readonly redirectedConnections: number
}

/** The commands, run one after another in a network namespace with only loopback (test/support/offline-run.mjs). */
function runOffline(commands: string[][], env: Record<string, string>): Outcome {
  const jobFile = join(tempDir('offline-job'), 'job.json')
  writeFileSync(jobFile, JSON.stringify({ cli: CLI, commands, env }))
  const r = spawnSync('unshare', ['--net', '--mount', '--', process.execPath, OFFLINE, jobFile], { encoding: 'utf8', timeout: 120_000 })
  if (r.status !== 0) throw new Error(`offline-run failed (exit ${r.status ?? r.signal}): ${r.stderr}`)
  return JSON.parse(r.stdout) as Outcome
}

/**
 * The installed CLI honours no switch that redirects plex.tv, injects faults or moves the backups:
 * a user's plex.tv token must never follow an environment variable. Proven by behaviour on the
 * built file, with no route to the internet at all: in a network namespace with only loopback,
 * plex.tv resolves to a local listener, which counts the connections meant for plex.tv, while a
 * listener at the redirected address counts none.
 */
describe('the release CLI reads no test switch from the environment (offline namespace)', () => {
  it.skipIf(offline !== null)(`ignores PLEX_RECLAIM_PLEXTV_URL, PLEX_RECLAIM_FAULT_AT and PLEX_RECLAIM_BACKUP_DIR${offline ? ` (skipped: ${offline})` : ''}`, () => {
    const root = tempDir()
    layOut(root, { 'data/Preferences.xml': SIGNED_IN })
    const file = join(root, 'data', 'Preferences.xml')
    const elsewhere = join(root, 'elsewhere')
    const backups = join(root, 'backups')
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, PLEX_RECLAIM_PLEXTV_URL: '{REDIRECTED}', PLEX_RECLAIM_PLEXTV_AUTH_URL: '{REDIRECTED}', PLEX_RECLAIM_FAULT_AT: 'after:backup', PLEX_RECLAIM_BACKUP_DIR: elsewhere }
    const outcome = runOffline([['reset', '--file', file, '--no-service', '--yes', '--backup-dir', backups], ['claim', '--sign-in', '--backup-dir', backups], ['backups']], env)
    const [reset, signIn, list] = outcome.results
    expect(reset!.signal).toBeNull()
    expect(reset!.code, reset!.stderr).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe(SIGNED_OUT)
    // claim --sign-in goes to plex.tv itself: here that is the local listener, which hangs up.
    expect(signIn!.code).toBe(1)
    expect(signIn!.stderr).toMatch(/plex\.tv/)
    expect(list!.code).toBe(0)
    expect(existsSync(elsewhere)).toBe(false)
    expect(outcome.plexTvConnections).toBeGreaterThan(0)
    expect(outcome.redirectedConnections).toBe(0)
  }, 120_000)
})
