import { accountChanged, knownAccount } from '../core/account/change'
import { maskUsername } from '../core/account/summary'
import type { BackupManifest } from '../core/backups/manifest'
import { sameHost } from '../core/host/host-ref'
import type { PlexAccountRef } from '../core/plex-tv/user'
import type { ClaimOutcome } from '../core/server/claim'
import { settingsLocation } from '../core/stores/location'
import { readPlistValues } from '../core/stores/plist-values'
import { attributeValue, parsePreferences } from '../core/stores/preferences-xml'
import { readRegValues } from '../core/stores/reg-file'
import type { Known } from './installations'

/**
 * The account the server was signed in to before: from the newest backup of this installation
 * that recorded one (a reset's backup is taken before the keys go), else from its settings now.
 */
export function previousAccountOf(k: Known, manifests: readonly BackupManifest[]): PlexAccountRef | null {
  const backup = previousBackupOf(k, manifests)
  if (backup) return { username: backup.account.username, maskedEmail: backup.account.maskedEmail }
  const now = k.installation.account
  return now && knownAccount(now) ? { username: now.username, maskedEmail: now.maskedEmail } : null
}

const previousBackupOf = (k: Known, manifests: readonly BackupManifest[]): BackupManifest | undefined =>
  // The same settings file on the same host, whatever id it had when the backup was taken.
  manifests.find((m) => sameHost(m.host, k.installation.host) && settingsLocation(m.target) === settingsLocation(k.installation.store) && knownAccount(m.account))

/**
 * The full e-mail the server was signed in with, from that backup's verified bytes, so two accounts
 * whose masked e-mails coincide are still told apart. Used for the comparison in main only.
 */
export async function previousEmailOf(k: Known, manifests: readonly BackupManifest[], readPayload: (id: string) => Promise<Buffer>): Promise<string | null> {
  const backup = previousBackupOf(k, manifests)
  if (!backup) return null
  try {
    const bytes = await readPayload(backup.id)
    if (backup.fileName === 'Preferences.xml') return attributeValue(parsePreferences(bytes), 'PlexOnlineMail') || null
    const values = backup.fileName.endsWith('.plist') ? await readPlistValues(bytes) : readRegValues(bytes)
    return values.PlexOnlineMail || null
  } catch { // unreadable: the e-mail is optional in the account summary
    return null
  }
}

/** A claim's result with the account change it made, when the accounts differ. */
export interface ClaimResult extends ClaimOutcome {
  readonly accountChange: { readonly previousAccount: PlexAccountRef; readonly newAccount: PlexAccountRef } | null
}

/** After a claim with a claim code: the account is known only from the claim's answer (a username). */
export function withAccountChange(outcome: ClaimOutcome, previous: PlexAccountRef | null): ClaimResult {
  // Compared as the backup recorded it: an e-mail used as a username is masked there too.
  const next: PlexAccountRef | null = outcome.username ? { username: maskUsername(outcome.username), maskedEmail: null } : null
  return { ...outcome, accountChange: previous && next && accountChanged(previous, next) ? { previousAccount: previous, newAccount: next } : null }
}
