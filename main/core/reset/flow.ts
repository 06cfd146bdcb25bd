import type { BackupManifest } from '../backups/manifest'
import type { BackupStore } from '../backups/store'
import type { Host } from '../host/types'
import { CoreError, toErr } from '../result'
import { sha256 } from '../backups/store'
import { controlServer, describeObservation, observe, type ControlOptions, type ServerTarget } from '../server/control'
import { readIdentity } from '../server/identity'
import type { SignInKey } from '../stores/keys'
import type { SettingsStore } from '../stores/types'
import { backUp, type Provenance } from './offline'

export type StepId = 'backup' | 'stop' | 'remove' | 'start' | 'verify'
export type StepStatus = 'running' | 'done' | 'failed' | 'skipped'

export interface StepEvent {
  readonly step: StepId
  readonly status: StepStatus
  readonly message: string
  readonly elapsedMs: number
}

export interface ResetFlowOptions {
  readonly host: Host
  readonly store: SettingsStore
  readonly backups: BackupStore
  readonly provenance: Provenance
  readonly server: ServerTarget
  readonly control?: ControlOptions
  readonly onStep?: (event: StepEvent) => void
}

export interface ResetFlowOutcome {
  readonly status: 'reset' | 'nothing-to-remove'
  readonly removed: readonly SignInKey[]
  readonly backups: readonly BackupManifest[]
  readonly claimed: boolean
}

/**
 * The whole job on a server this tool controls: a verified backup, stop (and prove it stopped),
 * remove the four keys, start, and prove through /identity that it is unclaimed. If anything
 * fails after the stop, the server is started again and the error says where things stand.
 */
export async function runReset(options: ResetFlowOptions): Promise<ResetFlowOutcome> {
  const { host, store, backups, provenance, server } = options
  const started = Date.now()
  const emit = (step: StepId, status: StepStatus, message: string): void => options.onStep?.({ step, status, message, elapsedMs: Date.now() - started })
  const kept: BackupManifest[] = []

  emit('backup', 'running', 'Taking a backup of the settings')
  let snapshot = await store.snapshot()
  if (snapshot.keysPresent.length === 0) {
    emit('backup', 'skipped', 'The server is not signed in to any account: nothing to remove.')
    return { status: 'nothing-to-remove', removed: [], backups: [], claimed: (await readIdentity(server.port))?.claimed ?? false }
  }
  kept.push((await backUp(backups, store, snapshot, provenance, 'reset')).manifest)
  emit('backup', 'done', `Backup ${kept[0]!.id} written and read back (sha256 verified)`)

  emit('stop', 'running', 'Stopping Plex Media Server')
  await controlServer(host, server, 'stop', options.control)
  emit('stop', 'done', 'Plex Media Server has stopped')

  let removed: readonly SignInKey[] = []
  try {
    emit('remove', 'running', 'Removing the old sign-in')
    // The server may write its settings as it exits: back up what is there now if it differs.
    const now = await store.snapshot()
    if (sha256(now.payload) !== sha256(snapshot.payload)) {
      kept.push((await backUp(backups, store, now, provenance, 'reset')).manifest)
      snapshot = now
    }
    removed = await store.removeSignIn(snapshot)
    await store.verifyRemoved(snapshot)
    emit('remove', 'done', `Removed ${removed.join(', ')}; everything else is unchanged`)
  } catch (error) {
    emit('remove', 'failed', toErr(error).message)
    await restartAfterFailure(host, server, options.control, error)
  }

  emit('start', 'running', 'Starting Plex Media Server')
  await controlServer(host, server, 'start', options.control)
  emit('start', 'done', 'Plex Media Server is running')

  emit('verify', 'running', 'Checking that the server is unclaimed')
  const identity = await readIdentity(server.port)
  if (identity?.claimed) {
    emit('verify', 'failed', 'The server still reports itself as claimed')
    throw new CoreError('STILL_CLAIMED', `The server still says it is claimed after the reset. Restore backup ${kept[0]!.id} if needed, and check that the right installation was chosen.`)
  }
  emit('verify', 'done', 'The server is running and unclaimed: claim it now')
  return { status: 'reset', removed, backups: kept, claimed: false }
}

/** A failure after the stop: the server is started again, and the error says so exactly. */
async function restartAfterFailure(host: Host, server: ServerTarget, control: ControlOptions | undefined, cause: unknown): Promise<never> {
  const original = toErr(cause)
  try {
    await controlServer(host, server, 'start', control)
    throw new CoreError(original.code, `${original.message} The settings were not changed and Plex Media Server was started again.`)
  } catch (error) {
    if (error instanceof CoreError && error.message.includes('started again')) throw error
    const state = describeObservation(await observe(host, server))
    throw new CoreError(original.code, `${original.message} Starting Plex Media Server again also failed (${toErr(error).message}); it is now ${state}.`)
  }
}
