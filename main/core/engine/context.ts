import type { ControlOptions, ServerTarget } from '../server/control'
import type { Host } from '../host/types'
import type { SettingsStore } from '../stores/types'
import type { ControlMode, Journal, RunSource, StepId } from './journal'
import type { LabelDetail } from '../detect/types'

export type StepStatus = 'running' | 'done' | 'failed' | 'skipped'

export interface StepEvent {
  readonly runId: string
  readonly step: StepId
  readonly status: StepStatus
  readonly message: string
  readonly elapsedMs: number
  /** Set on the run's last event: where things stand (for the wizard's progress model). */
  readonly final?: boolean
}

/** The installation a run acts on, re-derived by the application service (never from a journal). */
export interface RunInstallation {
  readonly id: string
  readonly label: string
  readonly platform: string
  readonly installType: string
  /** Optional: a run built from a journal or a test may not have it. */
  readonly labelDetail?: LabelDetail
  readonly source: RunSource
}

/** Everything a run needs; decided by the application service, never by the renderer. */
export interface RunContext {
  readonly host: Host
  /** This computer, where backups, journals and logs are kept. */
  readonly localHost: Host
  readonly store: SettingsStore
  readonly backupDir: string
  readonly server: ServerTarget
  readonly mode: ControlMode
  /** --no-service: go ahead although the pid file names a live process (the user says it is not Plex). */
  readonly force?: boolean
  readonly installation: RunInstallation
  readonly appVersion: string
  readonly control?: ControlOptions
  readonly plexTvUrl?: string
  readonly onStep?: (event: StepEvent) => void
  /** A verified backup the user already took (the wizard's Back up step); reused if it still matches. */
  readonly backupId?: string
  /** Test entry point only: called at every step boundary, where the fault-injection test kills the process. */
  readonly boundary?: (point: string) => void
}

export interface RunResult {
  readonly runId: string
  readonly outcome: 'finished' | 'nothing-to-do' | 'rolled-back'
  readonly journal: Journal
  readonly logPath: string
  readonly removed: readonly string[]
}
