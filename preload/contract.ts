/**
 * The one typed contract between the renderer and main: invoke channels (payload and result),
 * event channels, and the window.api shape derived from them. Types only, plus two constant maps
 * that name each channel once; main, the preload, the loopback bridge and its client share it.
 */

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: string; readonly message: string }

export type Runtime = 'electron' | 'loopback'

export interface AppInfo {
  readonly name: string
  readonly version: string
  readonly platform: string
  readonly runtime: Runtime
  readonly demo: boolean
}

export interface AccountView {
  readonly username: string | null
  readonly maskedEmail: string | null
  readonly tokenPresent: boolean
  readonly plexHome: boolean
  readonly machineIdentifier: string | null
  readonly keysPresent: readonly string[]
}

export interface InstallationView {
  readonly id: string
  readonly label: string
  readonly platform: string
  readonly installType: string
  readonly store: string
  readonly dataDir: string
  readonly account: AccountView | null
  readonly readError: { readonly code: string; readonly message: string } | null
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
}

export interface ProgressEvent {
  readonly runId: string
  readonly step: string
  readonly status: 'running' | 'done' | 'failed'
  readonly message: string
  readonly elapsedMs: number
}

/** Invoke channels: channel name -> payload and result. */
export interface InvokeContract {
  'app:get-info': { payload: void; result: AppInfo }
  'installations:detect': { payload: void; result: InstallationView[] }
  'backups:list': { payload: void; result: BackupView[] }
}

/** Events from main to the renderer. */
export interface EventContract {
  'flow:progress': ProgressEvent
}

export type InvokeChannel = keyof InvokeContract
export type EventChannel = keyof EventContract
export type PayloadOf<C extends InvokeChannel> = InvokeContract[C]['payload']
export type ResultOf<C extends InvokeChannel> = InvokeContract[C]['result']

/** window.api method -> channel. Each method is bound to exactly one channel. */
export const INVOKE_METHODS = {
  getAppInfo: 'app:get-info',
  detectInstallations: 'installations:detect',
  listBackups: 'backups:list'
} as const satisfies Record<string, InvokeChannel>

export const EVENT_METHODS = {
  onProgress: 'flow:progress'
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
