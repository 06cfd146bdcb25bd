import { createServer } from 'node:net'
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startPlexTv, type PlexTvStandIn } from '../../main/simulator/plex-tv'
import { standInsOnPath } from '../standins/path'
import { SIGNED_IN, layOut, tempDir } from './temp'

export const SIMULATOR = join(import.meta.dirname, '..', '..', 'out', 'node', 'pms-simulator.js')
export const CLI = join(import.meta.dirname, '..', '..', 'out', 'node', 'cli.js')
/** The CLI's test entry point: the release CLI plus the hooks a test passes in (plex.tv stand-in, fault injection). */
export const TEST_CLI = join(import.meta.dirname, '..', '..', 'out', 'test', 'cli-test.js')

/** Sets variables for the duration of a test and gives back a function that restores them exactly. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]))
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
  apply(vars)
  return () => apply(saved)
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

export interface LinuxServer {
  readonly root: string
  readonly dataDir: string
  readonly preferences: string
  readonly backups: string
  readonly port: number
  readonly plexTv: PlexTvStandIn
  readonly systemdDir: string
  systemctl(...args: string[]): { status: number | null; stderr: string }
  read(): string
  dispose(): Promise<void>
}

/**
 * A Linux machine with Plex's .deb laid out in a temp root, its unit run by the systemctl stand-in
 * (the simulator behind it), and a plex.tv stand-in. Stand-ins come first on PATH.
 */
export async function linuxServer(options: { preferences?: string; startDelayMs?: number; stopDelayMs?: number; timeoutStopMs?: number } = {}): Promise<LinuxServer> {
  const root = tempDir('plex-linux')
  const dataRel = 'var/lib/plexmediaserver/Library/Application Support/Plex Media Server'
  layOut(root, { 'usr/lib/plexmediaserver/': '', 'lib/systemd/system/plexmediaserver.service': '[Unit]\n', [`${dataRel}/Preferences.xml`]: options.preferences ?? SIGNED_IN })
  const dataDir = join(root, dataRel)
  const port = await freePort()
  const plexTv = await startPlexTv()
  const systemdDir = tempDir('plex-systemd')
  const command = [process.execPath, SIMULATOR, '--data-dir', dataDir, '--port', String(port), '--plex-tv', plexTv.url, '--start-delay-ms', String(options.startDelayMs ?? 100), '--stop-delay-ms', String(options.stopDelayMs ?? 100)]
  writeFileSync(join(systemdDir, 'plexmediaserver.service.json'), JSON.stringify({ command, timeoutStopMs: options.timeoutStopMs ?? 90_000 }))
  const undo = standInsOnPath(['systemctl', 'pkexec', 'snap', 'docker'])
  const restoreEnv = setEnv({ STANDIN_SYSTEMD_DIR: systemdDir, STANDIN_AS_USER: process.env.STANDIN_AS_USER, STANDIN_POLKIT: process.env.STANDIN_POLKIT, PLEX_RECLAIM_PLEXTV_URL: plexTv.url, PLEX_RECLAIM_PLEXTV_AUTH_URL: plexTv.authUrl })
  const systemctl = (...args: string[]) => {
    const r = spawnSync('systemctl', args, { encoding: 'utf8', env: { ...process.env, STANDIN_AS_USER: '0' } })
    return { status: r.status, stderr: r.stderr }
  }
  return {
    root,
    dataDir,
    preferences: join(dataDir, 'Preferences.xml'),
    backups: join(root, 'backups'),
    port,
    plexTv,
    systemdDir,
    systemctl,
    read: () => readFileSync(join(dataDir, 'Preferences.xml'), 'utf8'),
    dispose: async () => {
      systemctl('stop', 'plexmediaserver')
      undo()
      restoreEnv()
      await plexTv.close()
    }
  }
}
