import { z } from 'zod'
import { hostRefSchema, type HostRef } from '../host/host-ref'
import { SIGN_IN_KEYS } from '../stores/keys'
import { storeTargetSchema } from '../stores/target-schema'
import type { StoreTarget } from '../stores/types'

export const MANIFEST_FILE = 'manifest.json'

/** Backup and run ids: a sortable stamp and a random tail, 20261128-231502-3fa9c1. Never a path. */
export { STAMP_ID } from '../ids'
import { INSTALLATION_ID, STAMP_ID } from '../ids'

export type BackupReason = 'reset' | 'pre-restore' | 'manual'

export interface BackupManifest {
  readonly format: 2
  readonly id: string
  readonly createdAt: string
  readonly reason: BackupReason
  /** The machine the settings came from: a restore acts only there. */
  readonly host: HostRef
  /** The installation the backup was taken of, when known (a --file reset has one too). */
  readonly installationId: string | null
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
  /** Owner and mode of the original file, so a restore that recreates it puts them back. */
  readonly original?: { readonly mode: number; readonly uid: number; readonly gid: number }
}

const PAYLOAD_NAMES = ['Preferences.xml', 'com.plexapp.plexmediaserver.plist', 'Plex Media Server.reg'] as const

/** A manifest read from disk is untrusted input: every field is checked before it is used. */
export const manifestSchema = z
  .object({
    format: z.literal(2),
    id: z.string().regex(STAMP_ID),
    createdAt: z.iso.datetime(),
    reason: z.enum(['reset', 'pre-restore', 'manual']),
    host: hostRefSchema,
    installationId: z.string().regex(INSTALLATION_ID).nullable(),
    platform: z.string().max(32),
    installType: z.string().max(64),
    target: storeTargetSchema,
    fileName: z.enum(PAYLOAD_NAMES),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    size: z.number().int().min(0).max(64 * 1024 * 1024),
    appVersion: z.string().max(64),
    account: z.object({ username: z.string().max(256).nullable(), maskedEmail: z.string().max(256).nullable() }).strict(),
    keysPresent: z.array(z.enum(SIGN_IN_KEYS)).max(4),
    original: z.object({ mode: z.number().int().min(0).max(0o7777), uid: z.number().int().min(0), gid: z.number().int().min(0) }).strict().optional()
  })
  .strict()

export function parseManifest(value: unknown): BackupManifest | null {
  const r = manifestSchema.safeParse(value)
  return r.success ? r.data : null
}
