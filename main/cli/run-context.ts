import { APP_VERSION } from '../core/app-info'
import { defaultBackupDir } from '../core/backups/location'
import type { Installation } from '../core/detect/types'
import { storeFor } from '../core/installations'
import type { ServerTarget } from '../core/server/control'
import type { Journal } from '../core/transaction/journal'
import type { RunContext } from '../core/transaction/run'
import type { CliContext } from './context'
import { timeoutOf } from './server-target'

export const backupDirOf = (ctx: CliContext): string => ctx.flags['backup-dir'] ?? defaultBackupDir()

/**
 * Tests only: PLEX_RECLAIM_FAULT_AT names a step boundary ("after:stop", "inside:remove", …) where
 * the process kills itself with SIGKILL, for the fault-injection suite. Unset, it does nothing.
 */
function faultInjection(): RunContext['boundary'] {
  const at = process.env.PLEX_RECLAIM_FAULT_AT
  return at ? (point) => void (point === at && process.kill(process.pid, 'SIGKILL')) : undefined
}

function printSteps(ctx: CliContext): RunContext['onStep'] {
  if (ctx.flags.json) return undefined
  return (e) => ctx.out(`[${(e.elapsedMs / 1000).toFixed(1).padStart(5)} s] ${e.step.padEnd(16)} ${e.status.padEnd(7)} ${e.message}`)
}

function base(ctx: CliContext, server: ServerTarget) {
  return {
    host: ctx.host,
    localHost: ctx.local,
    backupDir: backupDirOf(ctx),
    server,
    control: { timeoutMs: timeoutOf(ctx, 90_000) },
    // A stand-in for plex.tv only where tests set it; the real one otherwise.
    plexTvUrl: process.env.PLEX_RECLAIM_PLEXTV_URL ?? 'https://plex.tv',
    onStep: printSteps(ctx),
    boundary: faultInjection()
  }
}

export function runContextFor(ctx: CliContext, installation: Installation, server: ServerTarget): RunContext {
  return {
    ...base(ctx, server),
    store: storeFor(ctx.host, installation.store),
    provenance: { platform: installation.platform, installType: installation.installType, appVersion: APP_VERSION },
    installation: { id: installation.id, label: installation.label }
  }
}

export function runContextFromJournal(ctx: CliContext, journal: Journal): RunContext {
  // Over SSH the server's port is reached through this connection's own forward.
  const server = ctx.serverPort !== undefined ? { ...journal.server, port: ctx.serverPort } : journal.server
  return {
    ...base(ctx, server),
    store: storeFor(ctx.host, journal.store),
    provenance: journal.provenance,
    installation: { id: journal.installationId, label: journal.label }
  }
}
