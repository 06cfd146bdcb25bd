import type { AccountChangeView, AppInfo, BackupView, ClaimRoutes, CreatedBackup, CutOffRun, DiagnosisView, InstallationView, PlexAccountView, ProgressEvent, RunRecord, RunStanding, RunView } from '../../../preload/contract'
import type { RunPhase } from './progress'
import type { StepId } from './steps'

/** Where an error is shown: in the step (or form) whose work failed. */
export type Place = 'welcome' | 'find' | 'remote' | 'backup' | 'review' | 'reset' | 'claim' | 'restore'

export interface UiError {
  /** CoreError's code: the renderer words it from its catalogue. */
  readonly code: string
  /** Main's own sentence, for "Copy details" only. */
  readonly message: string
  readonly place: Place
  /** A run whose log "Copy details" adds. */
  readonly runId?: string
}

export interface RunState {
  readonly status: RunPhase
  readonly kind: RunRecord['kind']
  readonly action: RunRecord['action']
  readonly installationId: string | null
  readonly label: string
  readonly events: readonly ProgressEvent[]
  readonly result: RunView | null
  readonly standing: RunStanding | null
}

export interface WizardState {
  readonly info: AppInfo | null
  readonly step: StepId
  readonly installations: InstallationView[] | null
  readonly detecting: boolean
  readonly selectedId: string | null
  /** The Diagnosis answer; null until given. */
  readonly canStillSignIn: boolean | null
  /** plex.tv's view of the server's sign-in and the local access it has; null until main answers. */
  readonly diagnosis: { readonly status: 'idle' | 'asking' | 'known'; readonly view: DiagnosisView | null }
  readonly backup: (CreatedBackup & { readonly installationId: string }) | null
  readonly backingUp: boolean
  readonly run: RunState
  readonly routes: ClaimRoutes | null
  readonly claim: ClaimState
  readonly backups: BackupView[] | null
  readonly restore: { readonly status: RunPhase; readonly backupId: string | null; readonly events: readonly ProgressEvent[]; readonly standing: RunStanding | null }
  readonly cutOff: readonly CutOffRun[]
  readonly error: UiError | null
  /** "A server on another machine…": the form's state; passwords never enter the store. */
  readonly remote: { readonly status: 'closed' | 'open' | 'connecting' | 'confirm'; readonly fingerprint: string | null }
}

export interface ClaimState {
  /** confirming: "Sign in with Plex" brought another account than the server had; nothing claimed yet. */
  readonly status: 'idle' | 'claiming' | 'signing-in' | 'confirming' | 'claimed'
  readonly username: string | null
  readonly openedAt: number | null
  readonly token: string
  /** The account the server had (its newest backup): the general note before a claim code. */
  readonly previousAccount: PlexAccountView | null
  /** The account changed (or would change, while confirming): shares and Home users may not follow. */
  readonly accountChange: AccountChangeView | null
}

export const IDLE_CLAIM: ClaimState = { status: 'idle', username: null, openedAt: null, token: '', previousAccount: null, accountChange: null }

export const IDLE_RUN: RunState = { status: 'idle', kind: 'reset', action: 'run', installationId: null, label: '', events: [], result: null, standing: null }

export const INITIAL_STATE: WizardState = {
  info: null,
  step: 'welcome',
  installations: null,
  detecting: false,
  selectedId: null,
  canStillSignIn: null,
  diagnosis: { status: 'idle', view: null },
  backup: null,
  backingUp: false,
  run: IDLE_RUN,
  routes: null,
  claim: IDLE_CLAIM,
  backups: null,
  restore: { status: 'idle', backupId: null, events: [], standing: null },
  cutOff: [],
  error: null,
  remote: { status: 'closed', fingerprint: null }
}

/** A run is under way: leaving the page now would hide it. */
export const busy = (s: WizardState): boolean => s.run.status === 'running' || s.restore.status === 'running'
