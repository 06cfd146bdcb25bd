import { z } from 'zod'
import type { LabelDetail } from './types'

const name = z.string().min(1).max(256)

/** A server name's details as read back from a journal: data only, each part bounded. */
export const labelDetailSchema: z.ZodType<LabelDetail> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('type') }).strict(),
  z.object({ kind: z.literal('freenas-plugin') }).strict(),
  z.object({ kind: z.literal('docker'), image: name, container: name }).strict(),
  z.object({ kind: z.literal('macos-user'), user: name }).strict(),
  z.object({ kind: z.literal('windows-service'), service: name, account: name }).strict(),
  z.object({ kind: z.literal('windows-user'), sid: name }).strict(),
  z.object({ kind: z.literal('truenas-jail'), jail: name }).strict(),
  z.object({ kind: z.literal('folder'), layout: z.enum(['data-folder', 'binhex', 'config-volume', 'library-folder']) }).strict(),
  z.object({ kind: z.literal('settings-in'), folder: z.string().min(1).max(4096) }).strict()
])
