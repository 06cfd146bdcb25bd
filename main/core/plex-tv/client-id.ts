import { randomUUID } from 'node:crypto'
import { dirname, join } from 'node:path'
import { READ_LIMITS, type Host } from '../host/types'

/**
 * X-Plex-Client-Identifier: one UUID per install, kept in the backups folder so plex.tv sees
 * the same device each time. It identifies this app, not the user, and is not a secret.
 */
export async function clientIdentifier(host: Host, backupDir: string): Promise<string> {
  // Inside the checked backup folder: a file beside it could be planted by anyone who can write there.
  const file = join(backupDir, 'client-id')
  const existing = (await host.readFile(file, { maxBytes: READ_LIMITS.clientId, noFollow: true }).catch(() => Buffer.from(''))).toString('utf8').trim() // none yet, or unreadable: a new id is made
  if (/^[0-9a-f-]{36}$/.test(existing)) return existing
  const id = randomUUID()
  await host.mkdir(dirname(file), 0o700).catch(() => undefined) // not kept: a new id next time costs plex.tv one more device entry, nothing else
  await host.writeFileAtomic(file, Buffer.from(`${id}\n`), { mode: 0o600 }).catch(() => undefined) // not kept: a new id next time costs plex.tv one more device entry, nothing else
  return id
}
