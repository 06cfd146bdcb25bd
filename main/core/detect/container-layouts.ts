import { posix } from 'node:path'
import { z } from 'zod'
import { PMS_DIR } from '../stores/keys'
import type { InstallType } from './types'

/** Where each image keeps Preferences.xml below its /config volume (plex-domain.md 1c). */
export const LAYOUTS: ReadonlyArray<{ readonly type: InstallType; readonly image: RegExp; readonly dataDir: string; readonly name: string }> = [
  { type: 'docker-hotio', image: /hotio\/plex/i, dataDir: '', name: 'hotio/plex' },
  { type: 'docker-binhex', image: /binhex\/arch-plex/i, dataDir: PMS_DIR, name: 'binhex/arch-plex' },
  { type: 'docker-linuxserver', image: /linuxserver\/plex/i, dataDir: `Library/Application Support/${PMS_DIR}`, name: 'linuxserver/plex' },
  { type: 'docker-plexinc', image: /plexinc\/pms-docker|plexinc\//i, dataDir: `Library/Application Support/${PMS_DIR}`, name: 'plexinc/pms-docker' }
]

/** A bind mount as `docker inspect` names it (containerd's spec says source and destination: mapped to these). */
export const Mount = z.object({ Type: z.string().optional(), Name: z.string().optional(), Source: z.string().optional(), Destination: z.string().optional() })

/** JSON, then the schema; null for anything else. */
export function parsed<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const result = schema.safeParse(JSON.parse(text))
    return result.success ? result.data : null
  } catch { // not JSON: not a layout this knows
    return null
  }
}

/**
 * Where a path inside the container is on the host: below the mount that holds it most closely.
 * /config itself is the usual mount, but some mount a folder below it (for example only
 * /config/Library), and the data folder is then below that mount.
 */
export function hostPathOf(mounts: readonly z.infer<typeof Mount>[], inside: string): { path: string; mount: z.infer<typeof Mount> } | null {
  const holding = mounts
    .filter((m) => m.Source && m.Destination && (inside === m.Destination || inside.startsWith(`${m.Destination.replace(/\/$/, '')}/`)))
    .sort((a, b) => b.Destination!.length - a.Destination!.length)[0]
  if (!holding) return null
  const rest = posix.relative(holding.Destination!, inside)
  return { path: rest ? posix.join(holding.Source!, rest) : holding.Source!, mount: holding }
}
