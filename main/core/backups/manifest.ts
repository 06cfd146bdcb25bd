import type { StoreTarget } from '../stores/types'

export const MANIFEST_FILE = 'manifest.json'

export type BackupReason = 'reset' | 'pre-restore' | 'manual'

export interface BackupManifest {
  readonly format: 1
  readonly id: string
  readonly createdAt: string
  readonly reason: BackupReason
  readonly platform: string
  readonly installType: string
  readonly target: StoreTarget
  /** Name of the payload file beside the manifest. */
  readonly fileName: string
  readonly sha256: string
  readonly size: number
  readonly appVersion: string
  readonly account: { readonly username: string | null; readonly maskedEmail: string | null }
  readonly keysPresent: readonly string[]
  /** Owner and mode of the original file, so a restore can put them back. */
  readonly original?: { readonly mode: number; readonly uid: number; readonly gid: number }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/** A manifest read from disk is untrusted input: check the fields the code relies on. */
export function isManifest(value: unknown): value is BackupManifest {
  if (!isObject(value)) return false
  return (
    value.format === 1 &&
    typeof value.id === 'string' &&
    typeof value.createdAt === 'string' &&
    typeof value.fileName === 'string' &&
    !/[\\/]/.test(value.fileName) &&
    typeof value.sha256 === 'string' &&
    typeof value.size === 'number' &&
    isObject(value.target) &&
    typeof value.target.kind === 'string'
  )
}
