import type { RunRecord, RunStanding } from '../../preload/contract'
import type { AppService, RunResult } from '../app/index'

type Fields = Pick<RunRecord, 'kind' | 'action' | 'installationId' | 'backupId'>

/**
 * Where a finished run of the wizard left things, from what its own last checks proved: a reset's
 * "Checking the settings" proved the four values gone and "Check it is unclaimed" that the server
 * answers; a restore's proved the settings are the chosen backup's bytes and that the server answers.
 * So no further read is needed (over SSH the wizard costs no more exchanges than the CLI). null for
 * anything else (a failure, a resume or an undo, nothing to do): then main reads the server again.
 */
export async function provenStanding(service: AppService, fields: Fields, r: RunResult): Promise<RunStanding | null> {
  if (fields.action !== 'run' || r.outcome !== 'finished') return null
  let before
  try {
    before = service.installations.get(fields.installationId).installation.account
  } catch { // an installation no longer detected: nothing to prove against
    return null
  }
  const backupId = r.journal.backupId ?? null
  const base = { serverRunning: true, backupId, backupDir: service.env.backupDir }
  const kept = { machineIdentifier: before?.machineIdentifier ?? null, plexHome: false }
  if (fields.kind === 'reset') {
    return { ...base, settingsChanged: true, account: { ...kept, username: null, maskedEmail: null, tokenPresent: false, keysPresent: [] } }
  }
  if (!fields.backupId) return null
  const restored = await service.runs.backups.get(fields.backupId).then((b) => b.manifest, () => null)
  if (!restored) return null
  const keys = restored.keysPresent
  return {
    ...base,
    // Against the current settings kept before the restore (none when they already were the backup's).
    settingsChanged: backupId !== null,
    account: { ...kept, plexHome: before?.plexHome ?? false, username: restored.account.username, maskedEmail: restored.account.maskedEmail, tokenPresent: keys.includes('PlexOnlineToken'), keysPresent: keys }
  }
}
