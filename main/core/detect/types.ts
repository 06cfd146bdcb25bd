import type { HostRef } from '../host/host-ref'
import type { AccountSummary } from '../account/summary'
import type { ErrorCode } from '../result'
import type { StoreTarget } from '../stores/types'

export type Platform = 'linux' | 'macos' | 'windows' | 'freebsd' | 'nas' | 'container'

export type InstallType =
  | 'windows-tray'
  | 'windows-service-account'
  | 'macos-app'
  | 'linux-package'
  | 'linux-sysv'
  | 'arch'
  | 'nixos'
  | 'snap'
  | 'docker-plexinc'
  | 'docker-linuxserver'
  | 'docker-hotio'
  | 'docker-binhex'
  | 'docker-folder'
  | 'home-assistant'
  | 'synology-dsm7'
  | 'synology-dsm7-legacy'
  | 'synology-dsm6'
  | 'qnap'
  | 'asustor'
  | 'readynas'
  | 'western-digital'
  | 'freebsd'
  | 'truenas-jail'
  | 'folder'

/**
 * What a server's name says besides its install type, in no language: `label` is the English
 * sentence (CLI, logs); the wizard words this in the user's language. 'type' means the install
 * type alone names it.
 */
export type LabelDetail =
  | { readonly kind: 'type' }
  | { readonly kind: 'freenas-plugin' }
  | { readonly kind: 'docker'; readonly image: string; readonly container: string }
  | { readonly kind: 'macos-user'; readonly user: string }
  | { readonly kind: 'windows-service'; readonly service: string; readonly account: string }
  | { readonly kind: 'windows-user'; readonly sid: string }
  | { readonly kind: 'truenas-jail'; readonly jail: string }
  | { readonly kind: 'folder'; readonly layout: FolderLayout }
  | { readonly kind: 'settings-in'; readonly folder: string }

/** The shapes of a folder the user points at (containers.ts folderCandidates). */
export type FolderLayout = 'data-folder' | 'binhex' | 'config-volume' | 'library-folder'

/** How the server behind a store is stopped and started; program names are fixed here in main. */
export type ServerControl =
  | { readonly kind: 'systemd'; readonly unit: string }
  | { readonly kind: 'sysv'; readonly service: string }
  | { readonly kind: 'snap'; readonly snap: string }
  | { readonly kind: 'docker'; readonly container: string }
  | { readonly kind: 'synopkg'; readonly pkg: string }
  | { readonly kind: 'qnap-init'; readonly script: string }
  | { readonly kind: 'freebsd-rc'; readonly service: string }
  | { readonly kind: 'iocage'; readonly jail: string; readonly service: string }
  | { readonly kind: 'windows-tray'; readonly installFolder: string | null }
  /** wrapper: a service (PmsService's PlexService) that starts Plex Media Server and restarts it when it exits. */
  | { readonly kind: 'windows-service'; readonly service: string; readonly wrapper?: true }
  | { readonly kind: 'macos-app'; readonly user: string | null }
  | { readonly kind: 'manual'; readonly hint: string }

/** Installation ids: opaque, of a fixed pattern (they name lock files), and unique per host. */
export { INSTALLATION_ID } from '../ids'

export interface Installation {
  readonly id: string
  /** The machine it is on; part of the id. */
  readonly host: HostRef
  readonly platform: Platform
  readonly installType: InstallType
  readonly label: string
  readonly labelDetail: LabelDetail
  readonly store: StoreTarget
  readonly dataDir: string
  readonly pidFile: string | null
  readonly control: ServerControl
  /** null when the store could not be read; readError says why. */
  readonly account: AccountSummary | null
  readonly readError: { readonly code: ErrorCode; readonly message: string } | null
}
