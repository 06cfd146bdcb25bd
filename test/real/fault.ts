/**
 * The one place the real-part tests use the CLI's fault-injection switch: the CLI kills itself with
 * SIGKILL at a step boundary ("after:remove", …). When the switch moves to a test entry point, only
 * this function changes.
 */
export const killedAt = (point: string): Record<string, string> => ({ PLEX_RECLAIM_FAULT_AT: point })
