import { parseArgs } from 'node:util'
import { startPlexTv } from './plex-tv'

/**
 * The plex.tv stand-in as a process, for a server that runs where the test process cannot reach
 * (a container's private network). A signed-in user (the stand-in's default account token) gets
 * claim tokens from GET /api/claim/token.json, as on plex.tv. SIGTERM stops it.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '32401' } } })
  const plexTv = await startPlexTv({ port: Number(values.port) })
  process.stdout.write(`${plexTv.url}\n`)
  const stop = (): void => void plexTv.close().then(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`plex-tv-simulator: ${(error as Error).message}\n`)
  process.exit(1)
})
