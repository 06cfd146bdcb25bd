import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startBridge } from '../bridge/server'
import { localHost } from '../core/host/local'
import { createHandlers } from '../ipc/handlers'
import { createDemoSandbox } from './sandbox'

/**
 * `npm run demo`: a laid-out Linux server in a temp sandbox, the loopback bridge over it, and a
 * URL to open in any browser. Nothing outside the sandbox is read or written.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true })
  const sandbox = await createDemoSandbox()
  const handlers = createHandlers({ host: localHost, runtime: 'loopback', demo: true, root: sandbox.root, backupDir: sandbox.backupDir, docker: false })
  const bridge = await startBridge({ handlers, staticDir: join(__dirname, '../renderer'), port: values.port ? Number(values.port) : 0 })
  // The token travels in the fragment, which browsers never send to a server or put in logs.
  const url = `${bridge.url}#token=${bridge.token}`
  if (values.json) process.stdout.write(`${JSON.stringify({ url, sandbox: sandbox.root, backupDir: sandbox.backupDir })}\n`)
  else process.stdout.write(`Plex Reclaim demo: open ${url}\nSandbox: ${sandbox.root}\nPress Ctrl+C to stop.\n`)
  const stop = (): void => {
    void bridge.close().then(() => sandbox.cleanup()).then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`plex-reclaim demo: ${(error as Error).message}\n`)
  process.exit(1)
})
