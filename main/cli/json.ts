import type { AccountSummary, BackupManifest, ClaimResult, Installation, Known, RunResult } from '../app/index'
import { describeHost, describeTarget } from '../app/index'

/**
 * The CLI's --json shapes: a contract of their own, documented in the README (a test compares
 * the two). Scripts rely on these names; change them only together with the README.
 */
export interface DetectJson {
  readonly id: string
  readonly host: string
  readonly platform: string
  readonly installType: string
  readonly label: string
  readonly store: Installation['store']
  readonly dataDir: string
  readonly pidFile: string | null
  readonly control: Installation['control']
  readonly account: AccountSummary | null
  readonly readError: { readonly code: string; readonly message: string } | null
}

export interface InspectJson {
  readonly path: string
  readonly kind: string
  readonly size: number
  readonly account: AccountSummary
}

export interface StatusJson {
  readonly id: string
  readonly label: string
  readonly running: boolean
  readonly processAlive: boolean
  readonly claimed: boolean | null
  readonly machineIdentifier: string | null
  readonly version: string | null
  readonly account: AccountSummary | null
  readonly signIn: SignInJson
  /** plex.tv's list of the account's servers, asked with the token the server holds (null: no token, or not claimed). */
  readonly ownership: OwnershipJson | null
}

/** reset, both forms: with service control (claimed is the server's answer after the start) and --no-service. */
export interface ResetJson {
  readonly id: string
  readonly runId: string | null
  readonly target: string
  readonly status: 'removed' | 'nothing-to-remove' | 'dry-run'
  readonly removed: readonly string[]
  readonly account: AccountSummary | null
  readonly backup: BackupManifest | null
  readonly claimed: boolean | null
}

export interface RestoreJson {
  readonly runId: string
  readonly restored: BackupManifest
  readonly preRestoreBackup: BackupManifest | null
}

export interface RecoveryJson {
  readonly runId: string
  readonly outcome: RunResult['outcome']
}

export interface ClaimJson {
  readonly claimed: boolean
  readonly username: string | null
  /** The claim signed the server in to another account than before (shares may not follow). */
  readonly accountChange: ClaimResult['accountChange']
  /**
   * local-claim: POST /myplex/claim, the documented route; local-claim-unconfirmed: the same on
   * a Windows 1.32.2+ or macOS 1.29.2+ server, where Plex has not confirmed it; server-sign-in:
   * that did not take there (claimed false): follow serverSignIn's steps on the server.
   */
  readonly route: ClaimResult['route'] | 'server-sign-in'
  readonly serverSignIn: { readonly steps: readonly string[]; readonly sources: readonly string[] } | null
  /** plex.tv's own list of the account's servers, asked with the server's new token; null when not asked. */
  readonly ownership: OwnershipJson | null
}

/**
 * plex.tv's word on the server: listed and owned (null when the list could not be read: token
 * refused, plex.tv unreachable or an unexpected answer), the account its token belongs to, and
 * whether that differs from the account the claim used.
 */
export interface OwnershipJson {
  readonly state: 'owned' | 'not-owned' | 'not-listed' | 'refused' | 'unreachable' | 'unexpected-answer'
  readonly listed: boolean | null
  readonly owned: boolean | null
  readonly account: string | null
  readonly serverName: string | null
  readonly accountDiffers: boolean
}

/** plex.tv's view of the token the server holds (status only; inspect stays offline). */
export type SignInJson = { readonly state: 'valid'; readonly username: string | null } | { readonly state: 'revoked' } | { readonly state: 'claim-needed' } | { readonly state: 'unknown' }

export const detectJson = (i: Installation): DetectJson => ({
  id: i.id,
  host: describeHost(i.host),
  platform: i.platform,
  installType: i.installType,
  label: i.label,
  store: i.store,
  dataDir: i.dataDir,
  pidFile: i.pidFile,
  control: i.control,
  account: i.account,
  readError: i.readError
})

export const inspectJson = (r: InspectJson): InspectJson => ({ path: r.path, kind: r.kind, size: r.size, account: r.account })

export function resetJson(k: Known, result: RunResult | null, parts: { status: ResetJson['status']; removed: readonly string[]; account: AccountSummary | null; backup: BackupManifest | null; claimed: boolean | null }): ResetJson {
  return { id: k.installation.id, runId: result?.runId ?? null, target: describeTarget(k.installation.store), ...parts }
}
