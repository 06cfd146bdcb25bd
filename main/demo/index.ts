import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startBridge } from '../bridge/server'
import { AppService } from '../app/index'
import { createHandlers } from '../ipc/handlers'
import { SCENARIOS, createDemoEnvironment, type Scenario } from './environment'

/**
 * `npm run demo`: a laid-out Linux server in a temp sandbox, the loopback bridge over it, and a
 * URL to open in any browser. Nothing outside the sandbox is read or written.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, json: { type: 'boolean', default: false }, scenario: { type: 'string', default: 'happy' } }, strict: true })
  const scenario = values.scenario as Scenario
  if (!SCENARIOS.includes(scenario)) throw new Error(`--scenario takes one of ${SCENARIOS.join(', ')}`)
  const env = await createDemoEnvironment({ scenario, repoRoot: join(__dirname, '..', '..'), simulator: join(__dirname, 'pms-simulator.js') })
  // The handlers are made before the bridge exists; progress reaches it once it does.
  const events: { bridge?: Awaited<ReturnType<typeof startBridge>> } = {}
  const service = new AppService({
    ...env.environment,
    onStep: (event) => {
      if (event.status === 'failed') env.onStepFailed()
    }
  })
  const handlers = createHandlers({ ...env.ui, service, runtime: 'loopback', emit: (channel, payload) => events.bridge?.emit(channel, payload) })
  const bridge = await startBridge({ handlers, staticDir: join(__dirname, '../renderer'), port: values.port ? Number(values.port) : 0 })
  // The token travels in the fragment, which browsers never send to a server or put in logs.
  events.bridge = bridge
  const url = `${bridge.url}#token=${bridge.token}`
  if (values.json) process.stdout.write(`${JSON.stringify({ url, sandbox: env.sandbox, backupDir: env.environment.backupDir, port: env.port, scenario })}\n`)
  else process.stdout.write(`Plex Reclaim demo (${scenario}): open ${url}\nSandbox: ${env.sandbox}\nPress Ctrl+C to stop.\n`)
  const stop = (): void => {
    void service.dispose().then(() => bridge.close()).then(() => env.dispose()).then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`plex-reclaim demo: ${(error as Error).message}\n`)
  process.exit(1)
})
