import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mkdirSync, writeFileSync } from 'node:fs'

export const tempDir = (prefix = 'plex-reclaim-test'): string => mkdtempSync(join(tmpdir(), `${prefix}-`))

/** Writes files below a root, creating folders: { 'var/lib/x/Preferences.xml': '<Preferences/>' }. */
export function layOut(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path)
    mkdirSync(join(full, '..'), { recursive: true })
    if (path.endsWith('/')) mkdirSync(full, { recursive: true })
    else writeFileSync(full, content)
  }
}

export const SIGNED_IN = '<?xml version="1.0" encoding="utf-8"?>\n<Preferences MachineIdentifier="11111111-2222-3333-4444-555555555555" ProcessedMachineIdentifier="abcdefabcdefabcdefabcdefabcdefabcdefabcd" PlexOnlineHome="1" PlexOnlineMail="kate@example.com" PlexOnlineToken="SECRETtoken123456789" PlexOnlineUsername="kate" FriendlyName="Den"/>\n'
export const SIGNED_OUT = '<?xml version="1.0" encoding="utf-8"?>\n<Preferences MachineIdentifier="11111111-2222-3333-4444-555555555555" ProcessedMachineIdentifier="abcdefabcdefabcdefabcdefabcdefabcdefabcd" FriendlyName="Den"/>\n'
