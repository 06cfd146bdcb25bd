import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLI } from '../../test/support/linux-server'
import { SIGNED_IN, SIGNED_OUT, layOut, tempDir } from '../../test/support/temp'

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (c) => (stderr += c))
    child.once('close', (code, signal) => resolve({ code, signal, stderr }))
  })
}

/**
 * The installed CLI honours no switch that redirects plex.tv, injects faults or moves the backups:
 * a user's plex.tv token must never follow an environment variable. Proven by behaviour on the
 * built file: a listener at the redirected address is never contacted.
 */
describe('the release CLI reads no test switch from the environment', () => {
  it('ignores PLEX_RECLAIM_PLEXTV_URL, PLEX_RECLAIM_FAULT_AT and PLEX_RECLAIM_BACKUP_DIR', async () => {
    let contacted = 0
    const listener = createServer((_req, res) => {
      contacted++
      res.end('{}')
    })
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(listener.address() as { port: number }).port}`
    try {
      const root = tempDir()
      layOut(root, { 'data/Preferences.xml': SIGNED_IN })
      const file = join(root, 'data', 'Preferences.xml')
      const elsewhere = join(root, 'elsewhere')
      const env = { PATH: process.env.PATH, HOME: root, PLEX_RECLAIM_PLEXTV_URL: url, PLEX_RECLAIM_PLEXTV_AUTH_URL: url, PLEX_RECLAIM_FAULT_AT: 'after:backup', PLEX_RECLAIM_BACKUP_DIR: elsewhere }
      const r = await run(['reset', '--file', file, '--no-service', '--yes', '--backup-dir', join(root, 'backups')], env)
      expect(r.signal).toBeNull()
      expect(r.code, r.stderr).toBe(0)
      expect(readFileSync(file, 'utf8')).toBe(SIGNED_OUT)
      // claim --sign-in goes to plex.tv itself (unreachable here), never to the redirected address.
      const signIn = await run(['claim', '--sign-in', '--backup-dir', join(root, 'backups')], env)
      expect(signIn.code).toBe(1)
      const detect = await run(['backups'], env)
      expect(detect.code).toBe(0)
      expect(existsSync(elsewhere)).toBe(false)
      expect(contacted).toBe(0)
    } finally {
      listener.close()
    }
  }, 60_000)
})
