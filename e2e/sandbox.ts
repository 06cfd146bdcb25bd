import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const PREFERENCES = 'var/lib/plexmediaserver/Library/Application Support/Plex Media Server/Preferences.xml'

export const readPreferences = (sandbox: string): string => readFileSync(join(sandbox, PREFERENCES), 'utf8')

/** The demo's Preferences.xml with the four attributes cut out, as the reset must leave it. */
export const expectedAfterReset = (original: string): string => original.replace(/ PlexOnline(?:Home|Mail|Token|Username)="[^"]*"/g, '')

/** Every backup in the folder whose payload still matches the sha256 in its manifest. */
export function verifiedBackups(backupDir: string): Array<{ id: string; reason: string; payload: string }> {
  return readdirSync(backupDir)
    .filter((n) => /^\d{8}-\d{6}-[0-9a-f]{6}$/.test(n))
    .map((id) => {
      const manifest = JSON.parse(readFileSync(join(backupDir, id, 'manifest.json'), 'utf8')) as { sha256: string; fileName: string; reason: string }
      const payload = readFileSync(join(backupDir, id, manifest.fileName))
      return { id, reason: manifest.reason, payload: payload.toString('utf8'), ok: createHash('sha256').update(payload).digest('hex') === manifest.sha256 }
    })
    .filter((b) => b.ok)
}

export async function identity(port: number): Promise<{ claimed: boolean } | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/identity`)
    return { claimed: / claimed="1"/.test(await res.text()) }
  } catch {
    return null
  }
}
