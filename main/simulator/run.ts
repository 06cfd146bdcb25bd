import { parseArgs } from 'node:util'
import { startSimulator } from './pms'

/**
 * The simulator as a process, so stand-ins for systemctl, docker and snap can start and stop it
 * the way they would start and stop Plex Media Server. SIGTERM stops it gracefully.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '32400' },
      'plex-tv': { type: 'string', default: 'http://127.0.0.1:9' },
      'start-delay-ms': { type: 'string', default: '0' },
      'stop-delay-ms': { type: 'string', default: '0' }
    }
  })
  if (!values['data-dir']) throw new Error('--data-dir is required')
  const sim = await startSimulator({
    dataDir: values['data-dir'],
    port: Number(values.port),
    plexTvUrl: values['plex-tv']!,
    startDelayMs: Number(values['start-delay-ms']),
    stopDelayMs: Number(values['stop-delay-ms'])
  })
  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    void sim.stop().then(() => process.exit(0))
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`pms-simulator: ${(error as Error).message}\n`)
  process.exit(1)
})
