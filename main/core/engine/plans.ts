import { posix } from 'node:path'
import { sha256 } from '../backups/store'
import { CoreError } from '../result'
import { controlCommand } from '../server/commands'
import { describeObservation, isStopped, observe, observeOnServer } from '../server/control'
import { apiFor } from '../server/api'
import { readIdentity } from '../server/identity'
import { assertPlexProcessGone } from '../server/process-gone'
import { pidFileNamesLiveProcess } from '../server/server-running'
import type { StepId } from './journal'
import { assertPreflight, preflight } from './preflight'
import { FinishEarly, type Run } from './run'

/**
 * A plan is a list of steps. Each has an action and, where it can be checked, the postcondition
 * that makes it unnecessary: a resumed run replays the plan and skips the steps that already hold.
 */
export interface Step {
  readonly id: StepId
  readonly label: (run: Run) => string
  /** The postcondition: true when the step's purpose is already met (checked on resume only). */
  readonly holds?: (run: Run) => Promise<boolean>
  /** A reason to skip the step in this control mode (the user starts the server with --no-service). */
  readonly skip?: (run: Run) => string | null
  readonly action: (run: Run) => Promise<string>
}

export async function runPlan(run: Run, plan: readonly Step[], resuming: boolean): Promise<void> {
  for (const step of plan) {
    const reason = step.skip?.(run)
    if (reason) await run.skip(step.id, reason)
    else if (resuming && step.holds && (await step.holds(run))) await run.skip(step.id, 'Already done', 'done')
    else await run.step(step.id, step.label(run), () => step.action(run))
  }
}

/** The paths the next steps look at: the settings, their folder and (before the edit) the pid file; the programs they look for. */
async function primeFor(run: Run, withPidFile: boolean, network?: string, programs: readonly string[] = []): Promise<void> {
  const t = run.ctx.store.target
  if (!run.ctx.host.prime) return
  const paths = t.kind !== 'preferences-xml' ? [] : [t.path, posix.dirname(t.path), ...(withPidFile && run.ctx.server.pidFile ? [run.ctx.server.pidFile] : [])]
  if (paths.length > 0 || network !== undefined || programs.length > 0) await run.ctx.host.prime(paths, { ...(network !== undefined ? { network } : {}), programs }).catch(() => undefined) // priming only saves round trips: every read still checks for itself
}

const keysAbsent = async (run: Run): Promise<boolean> => {
  const now = await run.ctx.store.snapshot().catch(() => null) // unreadable now: the journal's own record decides
  return now !== null && now.keysPresent.length === 0
}

const backupVerified = async (run: Run): Promise<boolean> =>
  run.journal.backupId !== undefined && (await run.backups.readVerified(run.journal.backupId).then(() => true, () => false))

const service = (run: Run): boolean => run.ctx.mode === 'service'
const userStarts = (run: Run): string | null => (service(run) ? null : 'Start Plex Media Server yourself now')

/** --no-service: the user stopped the server; a pid file naming a live process says otherwise. */
async function refuseIfRunning(run: Run): Promise<string> {
  const { pidFile } = run.ctx.server
  // Windows and macOS have no pid file: the process itself must be gone.
  if (!run.ctx.force) await assertPlexProcessGone(run.ctx.host, run.ctx.server.control)
  const pid = await pidFileNamesLiveProcess(run.ctx.host, pidFile)
  if (pid === null) return 'No running server was found'
  if (run.ctx.force) return `Going ahead although process ${pid} is alive (--force)`
  throw new CoreError('SERVER_RUNNING', `Plex Media Server appears to be running (pid ${pid} in ${pidFile}). Stop it first: changes made while it runs are lost. If that pid is not Plex, pass --force.`)
}

const stopStep = (holds: Step['holds']): Step => ({
  id: 'stop',
  label: () => 'Stopping Plex Media Server',
  holds,
  // --no-service: the user stopped it; the next step proves it.
  skip: (r) => (service(r) ? null : 'You stopped it yourself'),
  action: async (r) => (await r.controlled('stop'), 'Plex Media Server has stopped')
})

const verifyStoppedStep = (holds: Step['holds']): Step => ({
  id: 'verify-stopped',
  label: () => 'Checking that it has really stopped',
  holds,
  action: async (r) => {
    // One exchange over SSH for the pid file and the settings the next step reads.
    await primeFor(r, true)
    if (!service(r)) return refuseIfRunning(r)
    const o = await observe(r.ctx.host, r.ctx.server)
    if (!isStopped(o)) throw new CoreError('STOP_TIMEOUT', `Plex Media Server is still ${describeObservation(o)} after it was stopped.`)
    return 'The process is gone and the port no longer answers'
  }
})

const startSteps = (expectUnclaimed: boolean): Step[] => [
  { id: 'start', label: () => 'Starting Plex Media Server', skip: userStarts, action: async (r) => (await r.controlled('start'), 'Plex Media Server is running') },
  {
    id: expectUnclaimed ? 'verify-unclaimed' : 'verify-started',
    label: () => (expectUnclaimed ? 'Checking that the server is unclaimed' : 'Checking that the server answers'),
    skip: (r) => (service(r) ? null : 'Check it once you have started it'),
    action: async (r) => {
      // The start that just ended saw its identity; else over SSH the server's own look answers
      // with it (one exchange, no forwarded connection), else GET /identity from here.
      const look = r.seenJustNow() ?? (await observeOnServer(r.ctx.host, r.ctx.server, 'start', 0))
      const identity = look ? look.identity : await readIdentity(apiFor(r.ctx.host, r.ctx.server))
      if (!identity) throw new CoreError('SERVER_UNREACHABLE', 'Plex Media Server started but does not answer on its local port. Give it a minute, then check its log.')
      if (expectUnclaimed && identity.claimed) throw new CoreError('STILL_CLAIMED', 'The server still says it is claimed after the reset. Check that the right installation was chosen.')
      return expectUnclaimed ? 'The server is running and unclaimed: claim it now' : `The server answers (${identity.claimed ? 'claimed' : 'unclaimed'})`
    }
  }
]

/** The reset: preflight, backup, verify backup, stop, verify stopped, remove, verify, start, verify claimed="0". */
export function resetPlan(): Step[] {
  return [
    {
      id: 'preflight',
      label: () => 'Checking everything before changing anything',
      holds: async (r) => r.journal.completed.includes('preflight'),
      action: async (r) => {
        const { ctx } = r
        // plex.tv is asked only when a claim follows on that machine (the server started by the run),
        // in the same exchange that reads its clock; --no-service checks the clock alone.
        const plexTvUrl = service(r) ? ctx.plexTvUrl : undefined
        // The preflight looks for the program that stops the server and, over SSH, for the server's
        // curl (the route to its API where forwarding is refused): asked in the same exchange.
        const stopper = service(r) ? controlCommand(ctx.server.control, 'stop')?.program : undefined
        await primeFor(r, false, plexTvUrl ?? '', [...(stopper ? [stopper] : []), ...(ctx.host.kind === 'ssh' ? ['curl'] : [])])
        const server = service(r) ? ctx.server : { ...ctx.server, control: { kind: 'manual' as const, hint: 'you stop and start it' } }
        const report = await preflight({ host: ctx.host, localHost: ctx.localHost, store: ctx.store, backupDir: ctx.backupDir, server, plexTvUrl, allowOwnerChange: ctx.force })
        for (const c of report.checks) await r.log.add(`preflight ${c.id}: ${c.ok ? 'ok' : c.warning ? 'warning' : 'FAILED'}: ${c.message}`)
        assertPreflight(report.checks)
        r.snapshot = report.snapshot
        if (report.snapshot && report.snapshot.keysPresent.length === 0) throw new FinishEarly('nothing-to-do', 'The server is not signed in to any account: nothing to remove.')
        return report.checks.filter((c) => c.warning && !c.ok).map((c) => `Warning: ${c.message}`).join(' ') || 'All checks passed'
      }
    },
    {
      id: 'backup',
      label: () => 'Taking a backup of the settings',
      holds: backupVerified,
      action: async (r) => `Backup ${await r.ensureBackup(r.snapshot ?? (await r.ctx.store.snapshot()), 'reset')} written`
    },
    {
      id: 'verify-backup',
      label: () => 'Reading the backup back',
      holds: backupVerified,
      action: async (r) => {
        const m = (await r.backups.readVerified(r.journal.backupId!)).backup.manifest
        return `Backup ${m.id} read back: sha256 ${m.sha256.slice(0, 12)}… matches`
      }
    },
    stopStep(keysAbsent),
    verifyStoppedStep(keysAbsent),
    {
      id: 'remove',
      label: () => 'Removing the old sign-in',
      holds: keysAbsent,
      action: async (r) => {
        const { store } = r.ctx
        // With service control the server may have rewritten its settings as it stopped: read them
        // again. Without, nothing of ours ran in between (removeSignIn still checks the bytes).
        const now = service(r) || !r.snapshot ? await store.snapshot() : r.snapshot
        if (now.keysPresent.length === 0) return 'The sign-in was already removed'
        // The server may have written its settings as it stopped: those exact bytes are backed up.
        await r.ensureBackup(now, 'reset')
        const expected = store.expectedAfterRemove?.(now)
        if (expected) await r.save({ expectedSha256: sha256(expected) })
        // Right before the edit: a server that closed its port may still be writing its settings.
        if (!r.ctx.force) await assertPlexProcessGone(r.ctx.host, r.ctx.server.control)
        r.ctx.boundary?.('inside:remove')
        r.removed = await store.removeSignIn(now)
        r.removedFrom = now
        return `Removed ${r.removed.join(', ')}; everything else is unchanged`
      }
    },
    {
      id: 'verify-store',
      label: () => 'Checking the settings',
      action: async (r) => {
        if (r.removedFrom) await r.ctx.store.verifyRemoved(r.removedFrom)
        else {
          const now = await r.ctx.store.snapshot()
          const expected = r.journal.expectedSha256
          if (now.keysPresent.length > 0 || (expected !== undefined && sha256(now.payload) !== expected)) {
            throw new CoreError('VERIFY_FAILED', 'The settings do not hold what the reset wrote. Roll the run back (plex-reclaim rollback) and try again.')
          }
        }
        return 'The settings hold exactly what they should'
      }
    },
    ...startSteps(true)
  ]
}

/** A restore (and a rollback, which is a restore of the run's own backup): the store ends exactly as the backup. */
export function restorePlan(backupId: string): Step[] {
  let payload: Buffer | null = null
  const load = async (r: Run): Promise<Buffer> => (payload ??= (await r.backups.readVerified(backupId)).payload)
  const inPlace = async (r: Run): Promise<boolean> => {
    const p = await load(r)
    return r.ctx.store.matches ? r.ctx.store.matches(p) : await r.ctx.store.snapshot().then((s) => s.payload.equals(p), () => false)
  }
  // A stop the cut-off run began may still be under way: settle it even if the bytes are in place.
  const settled = async (r: Run): Promise<boolean> => r.cutOffDuring !== 'stop' && (await inPlace(r))
  return [
    {
      id: 'verify-backup',
      label: () => `Checking backup ${backupId}`,
      // A matching sha256 proves the bytes are the ones saved, not that they are settings: both, before the stop.
      action: async (r) => (await r.ctx.store.checkPayload?.(await load(r)), `Backup ${backupId} matches its sha256 and holds settings of this kind`)
    },
    stopStep(settled),
    verifyStoppedStep(settled),
    {
      id: 'backup',
      label: () => 'Backing up the current settings first',
      holds: inPlace,
      action: async (r) => {
        const current = await r.currentState()
        if (!current) return 'There are no current settings to keep'
        if (current.payload.equals(await load(r))) return 'The current settings already are the backup'
        return `The current settings are kept as backup ${await r.ensureBackup(current, 'pre-restore')}`
      }
    },
    {
      id: 'restore',
      label: () => `Putting back backup ${backupId}`,
      holds: inPlace,
      action: async (r) => {
        const { manifest } = await r.backups.get(backupId)
        if (!r.ctx.force) await assertPlexProcessGone(r.ctx.host, r.ctx.server.control)
        await r.ctx.store.restore(await load(r), manifest.original)
        return `Backup ${backupId} is back in place`
      }
    },
    {
      id: 'verify-store',
      label: () => 'Checking the settings',
      action: async (r) => {
        if (!(await inPlace(r))) throw new CoreError('VERIFY_FAILED', `The settings do not match backup ${backupId} after the restore. Try the restore again.`)
        return `The settings match backup ${backupId} exactly`
      }
    },
    ...startSteps(false)
  ]
}

