import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { delimiter, join } from 'node:path'
import { APP_VERSION } from '../core/app-info'
import { localHost } from '../core/host/local'
import { readIdentity } from '../core/server/identity'
import type { AppEnvironment } from '../app/environment'
import type { HandlerDeps } from '../ipc/handlers'
import { startPlexTv } from '../simulator/plex-tv'
import { createDemoSandbox, DEMO_DATA_DIR, DEMO_PREFERENCES } from './sandbox'

/** The failure a demo can be asked to show: `npm run demo -- --scenario NAME`. */
export const SCENARIOS = ['happy', 'stop-timeout', 'elevation-cancelled', 'claim-expired', 'token-revoked', 'local-access', 'ownership-lagging', 'ownership-refused', 'ownership-unreachable'] as const
export type Scenario = (typeof SCENARIOS)[number]

export interface DemoEnvironment {
  /** The service's environment: the sandbox, the stand-ins, never the real system. */
  readonly environment: Omit<AppEnvironment, 'onStep'>
  readonly ui: Pick<HandlerDeps, 'chooseFile' | 'mintDemoClaimToken' | 'demo'>
  readonly sandbox: string
  readonly port: number
  /** Called with each step event: the elevation scenario lets the second prompt through. */
  onStepFailed(): void
  dispose(): Promise<void>
}

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

/**
 * A Linux server in a temp sandbox: a signed-in Preferences.xml, the simulator behind the
 * systemctl stand-in, and a plex.tv stand-in. The stand-ins come first on PATH for this process,
 * and detection only reads the sandbox, so the real system is never touched.
 */
export async function createDemoEnvironment(options: { readonly scenario: Scenario; readonly repoRoot: string; readonly simulator: string }): Promise<DemoEnvironment> {
  const sandbox = await createDemoSandbox()
  const plexTv = await startPlexTv()
  // plex.tv still accepts the server's token (as kate_old), except where the scenario revoked it
  // (a forced password reset, a removed device): then GET /api/v2/user answers 401.
  if (options.scenario !== 'token-revoked') plexTv.mintClaimToken({ username: 'kate_old', email: 'kate.old@example.com', authToken: 'DEMOtokenXy7Qp2Lm9Rs4' })
  // local-access: no Plex Home, and allowedNetworks lets in loopback, where the browser is.
  if (options.scenario === 'local-access') writeFileSync(sandbox.preferencesPath, DEMO_PREFERENCES.replace('PlexOnlineHome="1"', 'PlexOnlineHome="0"').replace(' LanguageInCloud', ' allowedNetworks="192.168.1.0/255.255.255.0,127.0.0.1" LanguageInCloud'))
  // plex.tv's word after the claim: not listed yet (asked again for 1.5 s), the list refused (401), or no answer.
  if (options.scenario === 'ownership-lagging') plexTv.lagListing(Number.MAX_SAFE_INTEGER)
  plexTv.refuseResourceLists(options.scenario === 'ownership-refused')
  plexTv.dropResourceLists(options.scenario === 'ownership-unreachable')
  const port = await freePort()
  const node = process.versions.electron ? 'node' : process.execPath

  const bin = join(sandbox.root, 'demo-bin')
  mkdirSync(bin, { recursive: true })
  for (const name of ['systemctl', 'pkexec']) {
    const script = join(options.repoRoot, 'test', 'standins', `${name}.mjs`)
    writeFileSync(join(bin, name), `#!/bin/sh\nexec "${node}" "${script}" "$@"\n`)
    chmodSync(join(bin, name), 0o755)
  }
  const systemdDir = join(sandbox.root, 'demo-systemd')
  mkdirSync(systemdDir, { recursive: true })
  // stop-timeout: the server takes longer to stop than Plex Reclaim waits (3 s), and systemd
  // would kill it after 8 s (its TimeoutStopSec), so the demo still ends promptly.
  const stopDelay = options.scenario === 'stop-timeout' ? 20_000 : 1200
  const command = [node, options.simulator, '--data-dir', join(sandbox.root, DEMO_DATA_DIR), '--port', String(port), '--plex-tv', plexTv.url, '--start-delay-ms', '1500', '--stop-delay-ms', String(stopDelay)]
  writeFileSync(join(systemdDir, 'plexmediaserver.service.json'), JSON.stringify({ command, timeoutStopMs: options.scenario === 'stop-timeout' ? 8000 : 90_000 }))

  const savedPath = process.env.PATH
  process.env.PATH = `${bin}${delimiter}${savedPath ?? ''}`
  process.env.STANDIN_SYSTEMD_DIR = systemdDir
  if (options.scenario === 'elevation-cancelled') {
    process.env.STANDIN_AS_USER = '1'
    process.env.STANDIN_POLKIT = 'cancel'
  }
  spawnSync('systemctl', ['start', 'plexmediaserver'], { env: { ...process.env, STANDIN_AS_USER: '0' } })
  // The server takes its realistic start-up time; the demo opens once it answers.
  for (let i = 0; i < 200 && !(await readIdentity(port, 200)); i++) await new Promise((r) => setTimeout(r, 50))

  let claimTokens = 0
  return {
    sandbox: sandbox.root,
    port,
    environment: {
      local: localHost,
      root: sandbox.root,
      backupDir: sandbox.backupDir,
      docker: false,
      port,
      appVersion: APP_VERSION,
      control: { timeoutMs: options.scenario === 'stop-timeout' ? 3000 : 30_000 },
      plexTv: { baseUrl: plexTv.url, authUrl: plexTv.authUrl },
      ownershipWaitMs: options.scenario === 'ownership-lagging' ? 1500 : undefined,
      // "A key from the SSH folder" is the sandbox's, never the user's own.
      sshKeyDir: join(sandbox.root, 'home', '.ssh')
    },
    ui: {
      demo: true,
      chooseFile: async () => sandbox.preferencesPath,
      // The first token of the claim-expired scenario has already expired; later ones work.
      mintDemoClaimToken: () => plexTv.mintClaimToken({ username: 'kate_new', email: 'kate.new@example.com' }, options.scenario === 'claim-expired' && claimTokens++ === 0 ? -1 : undefined)
    },
    onStepFailed: () => {
      if (options.scenario === 'elevation-cancelled') process.env.STANDIN_POLKIT = 'allow'
    },
    dispose: async () => {
      spawnSync('systemctl', ['stop', 'plexmediaserver'], { env: { ...process.env, STANDIN_AS_USER: '0' } })
      process.env.PATH = savedPath
      await plexTv.close()
      await sandbox.cleanup()
    }
  }
}
