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
  /** The engine's run whose log "Copy details" adds. */
  readonly runId?: string
  /** main's record of the run that failed: its steps, and only its, go into "Copy details". */
  readonly recordId?: string
  /** The exact command main named for doing it by hand (a stop that timed out). */
  readonly command?: string
}

export interface RunState {
  /** main's record of this run: its events and its end name it. null until main answered. */
  readonly recordId: string | null
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
  readonly restore: RestoreState
  readonly cutOff: readonly CutOffRun[]
  /** Each error stays with the step (or form) whose work failed until that work is tried again. */
  readonly errors: Readonly<Partial<Record<Place, UiError>>>
  /** The last run or claim this page saw end, for Welcome's note and Done's wording. */
  readonly finished: Finished | null
  /** "A server on another machine…": the form's state; passwords never enter the store. */
  readonly remote: { readonly status: 'closed' | 'open' | 'connecting' | 'confirm'; readonly fingerprint: string | null }
}

export interface RestoreState {
  readonly recordId: string | null
  readonly status: RunPhase
  readonly backupId: string | null
  readonly events: readonly ProgressEvent[]
  readonly standing: RunStanding | null
}

/** What ended last: a run (with its record) or a claim, on which server. */
export interface Finished {
  readonly kind: 'reset' | 'restore' | 'claim'
  readonly installationId: string
  readonly status: 'finished' | 'failed'
  readonly label: string
  /** A run from before this page was loaded (Welcome says so). */
  readonly earlier: boolean
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

export const IDLE_RUN: RunState = { recordId: null, status: 'idle', kind: 'reset', action: 'run', installationId: null, label: '', events: [], result: null, standing: null }

export const IDLE_RESTORE: RestoreState = { recordId: null, status: 'idle', backupId: null, events: [], standing: null }

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
  restore: IDLE_RESTORE,
  cutOff: [],
  errors: {},
  finished: null,
  remote: { status: 'closed', fingerprint: null }
}

/** A run is under way: leaving the page now would hide it. */
export const busy = (s: WizardState): boolean => s.run.status === 'running' || s.restore.status === 'running'
