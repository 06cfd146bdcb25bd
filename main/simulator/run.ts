import { join } from 'node:path'
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
      'stop-delay-ms': { type: 'string', default: '0' },
      'maintenance-ms': { type: 'string', default: '0' },
      bind: { type: 'string', default: '127.0.0.1' },
      // The version /identity reports, and a claim that changes nothing (a 1.32.2 Windows server).
      version: { type: 'string' },
      'claim-ignored': { type: 'boolean', default: false }
    }
  })
  // As PMS: its data folder is "Plex Media Server" below PLEX_MEDIA_SERVER_APPLICATION_SUPPORT_DIR
  // (the .deb's unit sets it; plex-domain.md 1b), unless the tests name one.
  const support = process.env.PLEX_MEDIA_SERVER_APPLICATION_SUPPORT_DIR
  const dataDir = values['data-dir'] ?? (support ? join(support, 'Plex Media Server') : undefined)
  if (!dataDir) throw new Error('--data-dir or PLEX_MEDIA_SERVER_APPLICATION_SUPPORT_DIR is required')
  const started = startSimulator({
    dataDir,
    port: Number(values.port),
    plexTvUrl: values['plex-tv']!,
    startDelayMs: Number(values['start-delay-ms']),
    stopDelayMs: Number(values['stop-delay-ms']),
    maintenanceMs: Number(values['maintenance-ms']),
    bind: values.bind,
    ...(values.version ? { version: values.version } : {}),
    claimIgnored: values['claim-ignored']
  })
  // SIGTERM is honoured at any moment, also while starting (the handlers are in place before the
  // first await): a stop then waits for the start to finish and writes the settings back, so no
  // signal ever skips that write.
  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    void started.then((sim) => sim.stop()).then(() => process.exit(0))
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  await started
}

main().catch((error: unknown) => {
  process.stderr.write(`pms-simulator: ${(error as Error).message}\n`)
  process.exit(1)
})
