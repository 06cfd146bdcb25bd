import { z } from 'zod'
import type { StoreTarget } from './types'

const absolutePath = z.string().min(1).max(4096).refine((p) => p.startsWith('/') || /^[A-Za-z]:\\/.test(p), 'not an absolute path').refine((p) => !p.includes('\0'), 'contains NUL')

/** A store target read back from disk (journal, manifest): the same shapes detection produces. */
export const storeTargetSchema: z.ZodType<StoreTarget> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('preferences-xml'), path: absolutePath, dataDir: absolutePath }).strict(),
  z.object({ kind: z.literal('macos-defaults'), domain: z.literal('com.plexapp.plexmediaserver'), user: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).nullable() }).strict(),
  z.object({
    kind: z.literal('windows-registry'),
    hive: z.object({ mount: z.string().regex(/^HKU\\S-1-5-[0-9-]{1,80}$/), file: z.string().regex(/^[A-Za-z]:\\[^\0]{1,400}\\NTUSER\.DAT$/i) }).strict().optional(),
    key: z.string().regex(/^(?:HKCU|HKEY_CURRENT_USER|HKU\\[A-Za-z0-9._-]+|HKEY_USERS\\[A-Za-z0-9._-]+)\\Software\\Plex, Inc\.\\Plex Media Server$/) }).strict()
])
