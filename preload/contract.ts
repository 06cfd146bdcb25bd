/**
 * The one typed contract between the renderer and main: invoke channels (payload and result),
 * event channels, and the window.api shape derived from them. Types only, plus two constant maps
 * that name each channel once; main, the preload, the loopback bridge and its client share it.
 */

import type { AccountSummary } from '../main/core/account/summary'
import type { StepId } from '../main/core/ids'

// The engine's step ids and plans, from the one list the engine runs by.
export { RESET_STEP_IDS, RESTORE_STEP_IDS, type StepId } from '../main/core/ids'
export type { AccountChangeView, ClaimedView, DiagnosisView, LocalAccessView, NeedsConfirmationView, PlexAccountView, SignInStateView } from './claim-views'
import type { ClaimedView, DiagnosisView, NeedsConfirmationView, PlexAccountView } from './claim-views'

/** A failure: a code the renderer words, main's sentence, and the exact command it names (if any). */
export type ApiFailure = { readonly ok: false; readonly code: string; readonly message: string; readonly command?: string }

export type ApiResult<T> = { readonly ok: true; readonly value: T } | ApiFailure

export type Runtime = 'electron' | 'loopback'

export interface AppInfo {
  readonly name: string
  readonly version: string
  readonly platform: string
  readonly runtime: Runtime
  readonly demo: boolean
}

/** Who a server is signed in as, as main reads it from the settings (never the token): the core's own type. */
export type AccountView = AccountSummary

/**
 * A server's name without words (main/core/detect/types.ts LabelDetail): the renderer words it in
 * the active language; `label` is the English sentence, the fallback.
 */
export type ServerLabelDetail =
  | { readonly kind: 'type' }
  | { readonly kind: 'freenas-plugin' }
  | { readonly kind: 'docker'; readonly image: string; readonly container: string }
  | { readonly kind: 'macos-user'; readonly user: string }
  | { readonly kind: 'windows-service'; readonly service: string; readonly account: string }
  | { readonly kind: 'windows-user'; readonly sid: string }
  | { readonly kind: 'truenas-jail'; readonly jail: string }
  | { readonly kind: 'folder'; readonly layout: 'data-folder' | 'binhex' | 'config-volume' | 'library-folder' }
  | { readonly kind: 'settings-in'; readonly folder: string }

export interface InstallationView {
  readonly id: string
  /** English, as the CLI and the logs say it. */
  readonly label: string
  readonly labelDetail: ServerLabelDetail
  readonly platform: string
  readonly installType: string
  readonly store: string
  readonly dataDir: string
  readonly account: AccountView | null
  readonly readError: { readonly code: string; readonly message: string } | null
  /** null when it could not be told (no port answers and no pid file). */
  readonly running: boolean | null
  /** Whether Plex Reclaim can stop and start it, or the user must. */
  readonly controllable: boolean
  /** "this computer", or user@host for a server reached over SSH. */
  readonly host: string
}

export interface RemoteConnectPayload {
  readonly host: string
  readonly port: number
  readonly user: string
  /** A key from the SSH folder or a running agent (chosen by main), or a password typed now. */
  readonly auth: 'key' | 'password'
  readonly password?: string
  /** Use sudo on the server for the settings file and the service (a NOPASSWD user needs no password). */
  readonly sudo: boolean
  /** sudo's password when it asks for one: used for this session, never stored. */
  readonly sudoPassword?: string
  /** The fingerprint the user confirmed on a first connection. */
  readonly acceptFingerprint?: string
}

export type RemoteConnectResult =
  | { readonly status: 'connected'; readonly name: string; readonly installations: InstallationView[] }
  | { readonly status: 'confirm-fingerprint'; readonly fingerprint: string }

export interface CreatedBackup {
  readonly backup: BackupView
  /** The folder that holds it. */
  readonly location: string
}

export type RunView = { readonly runId: string; readonly outcome: 'finished' | 'nothing-to-do' | 'rolled-back'; readonly backupId: string | null }

export interface CutOffRun {
  readonly runId: string
  readonly kind: 'reset' | 'restore'
  readonly label: string
  /** For the name in the user's language; null from a journal written before they were recorded. */
  readonly installType: string | null
  readonly labelDetail: ServerLabelDetail | null
  readonly lastStep: StepId | null
  readonly createdAt: string
  /** What "Undo" puts back: the verified backup the run took of the settings it was about to change. */
  readonly backup: { readonly id: string; readonly createdAt: string; readonly account: string | null } | null
}

/** Where things stand after a run: read from the server and the settings, not remembered. */
export interface RunStanding {
  /** null when it could not be told. */
  readonly serverRunning: boolean | null
  /** Against the backup below; null when it could not be told. */
  readonly settingsChanged: boolean | null
  readonly backupId: string | null
  readonly backupDir: string
  /** Who the settings say it is signed in as, read with settingsChanged; null when unreadable. */
  readonly account: AccountView | null
}

/** The server as it stands now: read again after a claim. */
export type ServerStanding = { readonly running: boolean | null; readonly account: AccountView | null }

/** A run channel answers as soon as main's record exists: its progress and its end arrive as events naming it. */
export type RunStarted = { readonly recordId: string }

/** A run main started in this process: its step events so far, then its result or its error (as a code). */
export interface RunRecord {
  /** Given by main when the run starts, before the engine has named it. */
  readonly id: string
  readonly runId: string | null
  readonly kind: 'reset' | 'restore'
  /** A new run, or a cut-off one finished or undone. */
  readonly action: 'run' | 'resume' | 'rollback'
  readonly installationId: string
  readonly label: string
  /** For a restore: the backup being put back. */
  readonly backupId: string | null
  readonly status: 'running' | 'finished' | 'failed'
  readonly events: readonly ProgressEvent[]
  readonly result: RunView | null
  readonly error: Omit<ApiFailure, 'ok'> | null
  readonly standing: RunStanding | null
}

export interface RunList {
  /** Runs of this process, newest first: live ones to reattach to, finished ones to show. */
  readonly runs: readonly RunRecord[]
  /** Runs cut off by an earlier process (never a live one): to finish or undo. */
  readonly cutOff: readonly CutOffRun[]
}

export interface ClaimRoutes {
  readonly claimUrl: string
  readonly plexWeb: string
  readonly sshTunnel: string
  readonly note: string
  readonly tokenLifetimeMs: number
  /** Windows 1.32.2+ or macOS 1.29.2+: the server signs in through its own Plex Web; a claim from here is tried but unconfirmed. */
  readonly localClaimUnconfirmed: boolean
}

export interface BackupView {
  readonly id: string
  readonly createdAt: string
  readonly reason: string
  readonly target: string
  readonly installType: string
  readonly sha256: string
  readonly size: number
  readonly account: { readonly username: string | null; readonly maskedEmail: string | null }
  readonly keysPresent: readonly string[]
  readonly installationId: string | null
  /** The run that took it (the wizard's own backup reused by a reset counts): for "before the reset on …". */
  readonly usedBy: { readonly kind: 'reset' | 'restore'; readonly at: string } | null
}

/** One step of a run (main/core/engine StepEvent), with the id of main's record of that run. */
export interface ProgressEvent {
  readonly recordId: string
  readonly runId: string
  readonly step: StepId
  readonly status: 'running' | 'done' | 'failed' | 'skipped'
  readonly message: string
  readonly elapsedMs: number
  /** The run's last event. */
  readonly final?: boolean
}

/** plex.tv's list of the account's servers after a claim (refused, unreachable, unexpected-answer: no check made); plexWeb: app.plex.tv on this server. */
export interface OwnershipView {
  readonly state: 'owned' | 'not-owned' | 'not-listed' | 'refused' | 'unreachable' | 'unexpected-answer'
  readonly account: string | null
  readonly serverName: string | null
  readonly expectedAccount: string | null
  readonly accountDiffers: boolean
  readonly plexWeb: string | null
}

/** error: the one the user is looking at, put in the report. */
export interface SupportReportPayload {
  readonly installationId: string | null
  readonly includeEmail: boolean
  readonly error: { readonly code: string; readonly message: string } | null
}

export interface IdPayload {
  readonly installationId: string
}

/** Invoke channels: channel name -> payload and result. */
export interface InvokeContract {
  'app:get-info': { payload: void; result: AppInfo }
  'installations:detect': { payload: void; result: InstallationView[] }
  /** Asks plex.tv about the server's token and reads allowedNetworks; changes nothing. */
  'installations:diagnose': { payload: IdPayload; result: DiagnosisView }
  /** A native dialog opened by main; null when the user cancels. */
  'installations:choose-file': { payload: void; result: InstallationView | null }
  /** "A server on another machine…": connects over SSH and finds its installations. */
  'remote:connect': { payload: RemoteConnectPayload; result: RemoteConnectResult }
  'backups:list': { payload: void; result: BackupView[] }
  'backups:create': { payload: IdPayload; result: CreatedBackup }
  'backups:restore': { payload: { readonly backupId: string }; result: RunStarted }
  /** backupId null: settings only root may read (NEEDS_PERMISSION); the elevated helper takes the backup itself. */
  'reset:start': { payload: IdPayload & { readonly backupId: string | null }; result: RunStarted }
  /** Reads the server again (after a claim): whether it runs and who its settings say it is signed in as. */
  'installations:standing': { payload: IdPayload; result: ServerStanding }
  'claim:routes': { payload: IdPayload; result: ClaimRoutes }
  /** Before a claim: the account the server had (newest backup), for the general warning; null when none. */
  'claim:previous-account': { payload: IdPayload; result: PlexAccountView | null }
  /** With a claim code the account is known only after: accountChange says whether it changed. */
  'claim:with-token': { payload: IdPayload & { readonly token: string }; result: ClaimedView }
  /** "Sign in with Plex": main creates a PIN; the page to approve it on (opened by main in the desktop app). */
  'signin:start': { payload: IdPayload; result: { readonly authUrl: string; readonly opened: boolean } }
  /** Waits for the approval, then claims the server; the user token never leaves main. */
  'signin:wait': { payload: IdPayload; result: ClaimedView | NeedsConfirmationView }
  /** After needs-confirmation: the user chose to claim with the other account. */
  'signin:confirm': { payload: IdPayload; result: ClaimedView }
  'signin:cancel': { payload: IdPayload; result: null }
  /** The run registry: after a reload the wizard reattaches to a live run or shows a finished one. */
  'runs:list': { payload: void; result: RunList }
  'runs:resume': { payload: { readonly runId: string }; result: RunStarted }
  'runs:rollback': { payload: { readonly runId: string }; result: RunStarted }
  /** The run's log for "Copy details": steps, timings, exit codes; never a token. */
  'runs:details': { payload: { readonly runId: string }; result: string }
  /** Demo mode only: a claim token from the plex.tv stand-in. */
  'demo:claim-token': { payload: void; result: string }
  /** After a claim: plex.tv's word on the server (waits out its lag, about 15 s); null without a token. */
  'ownership:check': { payload: IdPayload; result: OwnershipView | null }
  /** "Save a support report": main writes it (no token, password, claim code; e-mails only if asked). */
  'report:save': { payload: SupportReportPayload; result: { readonly path: string } }
}

/** Events from main to the renderer. */
export interface EventContract {
  'flow:progress': ProgressEvent
  /** A run's end: its record, with its result or error and where things stand. */
  'flow:run-ended': RunRecord
}

export type InvokeChannel = keyof InvokeContract
export type EventChannel = keyof EventContract
export type PayloadOf<C extends InvokeChannel> = InvokeContract[C]['payload']
export type ResultOf<C extends InvokeChannel> = InvokeContract[C]['result']

/** window.api method -> channel. Each method is bound to exactly one channel. */
export const INVOKE_METHODS = {
  getAppInfo: 'app:get-info',
  detectInstallations: 'installations:detect',
  diagnoseInstallation: 'installations:diagnose',
  chooseSettingsFile: 'installations:choose-file',
  connectRemote: 'remote:connect',
  listBackups: 'backups:list',
  createBackup: 'backups:create',
  restoreBackup: 'backups:restore',
  startReset: 'reset:start',
  readStanding: 'installations:standing',
  claimRoutes: 'claim:routes',
  previousAccount: 'claim:previous-account',
  claimWithToken: 'claim:with-token',
  startSignIn: 'signin:start',
  waitSignIn: 'signin:wait',
  confirmSignIn: 'signin:confirm',
  cancelSignIn: 'signin:cancel',
  listRuns: 'runs:list',
  resumeRun: 'runs:resume',
  rollbackRun: 'runs:rollback',
  runDetails: 'runs:details',
  demoClaimToken: 'demo:claim-token',
  checkOwnership: 'ownership:check',
  saveSupportReport: 'report:save'
} as const satisfies Record<string, InvokeChannel>

export const EVENT_METHODS = {
  onProgress: 'flow:progress',
  onRunEnded: 'flow:run-ended'
} as const satisfies Record<string, EventChannel>

type InvokeMethod<C extends InvokeChannel> = PayloadOf<C> extends void
  ? () => Promise<ApiResult<ResultOf<C>>>
  : (payload: PayloadOf<C>) => Promise<ApiResult<ResultOf<C>>>

export type Api = {
  readonly [M in keyof typeof INVOKE_METHODS]: InvokeMethod<(typeof INVOKE_METHODS)[M]>
} & {
  /** Subscribes; the returned function unsubscribes. The listener gets the payload only. */
  readonly [M in keyof typeof EVENT_METHODS]: (listener: (event: EventContract[(typeof EVENT_METHODS)[M]]) => void) => () => void
}

export const INVOKE_CHANNELS = Object.values(INVOKE_METHODS) as InvokeChannel[]
export const EVENT_CHANNELS = Object.values(EVENT_METHODS) as EventChannel[]
