import type { StepEvent } from '../core/engine/index'
import type { Host } from '../core/host/types'
import type { ControlOptions } from '../core/server/control'
import type { ElevatedHelper } from './elevated-helper'

/** plex.tv and its sign-in page: the real ones, or a stand-in passed in by a test or demo entry point. */
export interface PlexTvEndpoints {
  readonly baseUrl: string
  readonly authUrl: string
}

export const REAL_PLEX_TV: PlexTvEndpoints = Object.freeze({ baseUrl: 'https://plex.tv', authUrl: 'https://app.plex.tv/auth' })

/**
 * Everything the application service may touch, decided once by its entry point (the app, the
 * CLI, the demo, a test). Nothing here is read from the environment by the service itself.
 */
export interface AppEnvironment {
  /** This computer: backups, journals, logs and known hosts are always kept here. */
  readonly local: Host
  readonly backupDir: string
  /** Machine paths are read below this root ("/" on a real machine; a sandbox in demo mode). */
  readonly root: string
  /** Ask Docker for containers (off where no daemon is expected). */
  readonly docker: boolean
  /** The server's local API port on this computer (32400; a sandbox's own in demo mode). */
  readonly port: number
  readonly appVersion: string
  readonly plexTv: PlexTvEndpoints
  readonly control?: ControlOptions
  /** Where "a key from the SSH folder" is looked for: ~/.ssh, or a sandbox's in demo mode. */
  readonly sshKeyDir?: string
  readonly onStep?: (event: StepEvent) => void
  /** Test entry point only: called at each step boundary (the fault-injection suite kills there). */
  readonly boundary?: (point: string) => void
  /**
   * Linux desktop: the single-file CLI that pkexec runs as root for a reset the user may not do
   * (a plex-owned Preferences.xml). The packaged app's resources, or a test's build; never from
   * the environment. Without it such a reset fails with the reason, as before.
   */
  readonly elevatedHelper?: ElevatedHelper
  /** How long plex.tv is asked again for a server just claimed (15 s; tests shorten it). */
  readonly ownershipWaitMs?: number
  /** Demo mode: claim tokens from the plex.tv stand-in. */
  readonly mintDemoClaimToken?: () => string
}
