import type { BackupManifest } from '../core/backups/manifest'
import type { BackupStore } from '../core/backups/store'
import type { AccountSummary } from '../core/account/summary'
import type { AppEnvironment } from './environment'
import type { Installations, Known } from './installations'

export interface DryRun {
  readonly removed: readonly string[]
  readonly account: AccountSummary
}

/** A verified backup of the settings as they are now (the wizard's Back up step). */
export async function backUpNow(env: AppEnvironment, installations: Installations, backups: BackupStore, k: Known): Promise<{ manifest: BackupManifest; dir: string }> {
  const i = k.installation
  const snapshot = await installations.storeOf(k).snapshot()
  const { manifest, dir } = await backups.create(snapshot.payload, {
    reason: 'manual',
    host: k.entry.host.ref,
    installationId: i.id,
    platform: i.platform,
    installType: i.installType,
    appVersion: env.appVersion,
    target: i.store,
    fileName: snapshot.fileName,
    account: { username: snapshot.account.username, maskedEmail: snapshot.account.maskedEmail },
    keysPresent: snapshot.keysPresent,
    ...(snapshot.ownership ? { original: snapshot.ownership } : {})
  })
  await backups.readVerified(manifest.id)
  return { manifest, dir }
}

/** --dry-run: what a reset would remove, from a fresh read; nothing is written, no run is opened. */
export async function dryRun(installations: Installations, k: Known): Promise<DryRun> {
  const snapshot = await installations.storeOf(k).snapshot()
  return { removed: snapshot.keysPresent, account: snapshot.account }
}
