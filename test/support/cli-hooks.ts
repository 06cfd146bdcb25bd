import type { CliHooks } from '../../main/cli/run'

/**
 * The test entry point's hooks, from the test's own environment: a plex.tv stand-in and the
 * fault-injection boundary. Only the test entry (test/entry/cli-test.ts) and in-process tests read
 * these; the release CLI never does (main/runtime-switches.test.ts proves it on the built file).
 */
export function testHooks(env: NodeJS.ProcessEnv = process.env): CliHooks {
  const at = env.PLEX_RECLAIM_FAULT_AT
  return {
    ...(env.PLEX_RECLAIM_PLEXTV_URL ? { plexTv: { baseUrl: env.PLEX_RECLAIM_PLEXTV_URL, authUrl: env.PLEX_RECLAIM_PLEXTV_AUTH_URL ?? `${env.PLEX_RECLAIM_PLEXTV_URL}/auth` } } : {}),
    // The real polkit test's helper: the built single-file CLI, run through pkexec by the service.
    ...(env.PLEX_RECLAIM_ELEVATED_HELPER ? { elevatedHelper: { path: env.PLEX_RECLAIM_ELEVATED_HELPER } } : {}),
    ...(at ? { boundary: (point: string) => void (point === at && process.kill(process.pid, 'SIGKILL')) } : {})
  }
}
