import type { AccountSummary } from '../account/summary'
import { CoreError } from '../result'
import type { SignInKey } from './keys'

/** Where a server keeps its settings. Paths, domains and keys are decided in main, never by the UI. */
export type StoreTarget =
  | { readonly kind: 'preferences-xml'; readonly path: string; readonly dataDir: string }
  | { readonly kind: 'macos-defaults'; readonly domain: string; readonly user: string | null }
  | { readonly kind: 'windows-registry'; readonly key: string; readonly hive?: RegistryHive }

/** A user hive that is not loaded while its account is signed out: HKU\<SID> from <profile>\NTUSER.DAT. */
export interface RegistryHive {
  readonly mount: string
  readonly file: string
}

export interface StoreSnapshot {
  /** The kind of store that took it: a store acts only on snapshots of its own kind. */
  readonly kind: StoreTarget['kind']
  /** The exact bytes a backup keeps: the file itself, or the tool's export. */
  readonly payload: Buffer
  /** File name inside a backup: Preferences.xml, the .plist export or the .reg export. */
  readonly fileName: string
  readonly account: AccountSummary
  readonly keysPresent: readonly SignInKey[]
  /** A file's owner, group and mode, so a restore that recreates it puts them back. */
  readonly ownership?: Ownership
}

export interface Ownership {
  readonly mode: number
  readonly uid: number
  readonly gid: number
}

/**
 * One settings store per OS, behind the same operations. Each store has its own snapshot type and
 * takes the common one, narrowed by ownSnapshot (a check, never a cast): a generic parameter would
 * let a Preferences.xml store be handed a registry snapshot unchecked (method bivariance).
 */
export interface SettingsStore {
  readonly target: StoreTarget
  snapshot(): Promise<StoreSnapshot>
  /** Removes the sign-in keys present in the snapshot, refusing if the store changed since. */
  removeSignIn(snapshot: StoreSnapshot): Promise<readonly SignInKey[]>
  /** Reads the store again and proves the keys are gone and nothing else changed. */
  verifyRemoved(snapshot: StoreSnapshot): Promise<void>
  /** The exact bytes the store will hold after removeSignIn, where it can know them (a file). */
  expectedAfterRemove?(snapshot: StoreSnapshot): Buffer
  /** Refuses (BACKUP_CORRUPT) a payload that is not a settings store of this kind, before anything is stopped or written. */
  checkPayload?(payload: Buffer): Promise<void>
  /** Puts a backup's payload back and proves the store now holds exactly it. */
  restore(payload: Buffer, recreate?: Ownership): Promise<void>
  /** Whether the store holds exactly this backup's content now (after a restore, or on resume). */
  matches?(payload: Buffer): Promise<boolean>
  /** The store's bytes even when they cannot be parsed (a damaged file), so they can still be kept: a snapshot with no keys read. */
  readRaw?(): Promise<StoreSnapshot | null>
}

/** A snapshot as its own store's type, or a refusal before anything is written. */
export function ownSnapshot<S extends StoreSnapshot>(snapshot: StoreSnapshot, is: (s: StoreSnapshot) => s is S, store: StoreTarget['kind']): S {
  if (!is(snapshot)) throw new CoreError('INTERNAL', `A snapshot of a ${snapshot.kind} store was given to a ${store} store; nothing was changed.`)
  return snapshot
}

export const describeTarget = (target: StoreTarget): string => {
  switch (target.kind) {
    case 'preferences-xml':
      return target.path
    case 'macos-defaults':
      return `defaults domain ${target.domain}${target.user ? ` (user ${target.user})` : ''}`
    case 'windows-registry':
      return target.key
  }
}
