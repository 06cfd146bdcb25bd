import type { BackupManifest } from '../core/backups/manifest'
import type { BackupStore } from '../core/backups/store'
import { takeVerifiedBackup } from '../core/backups/take'
import type { AccountSummary } from '../core/account/summary'
import type { AppEnvironment } from './environment'
import type { Installations, Known } from './installations'

export interface DryRun {
  readonly removed: readonly string[]
  readonly account: AccountSummary
}

/** A verified backup of the settings as they are now (the wizard's Back up step): the runs' own function. */
export async function backUpNow(env: AppEnvironment, installations: Installations, backups: BackupStore, k: Known): Promise<{ manifest: BackupManifest; dir: string }> {
  const snapshot = await installations.storeOf(k).snapshot()
  const { manifest, dir } = await takeVerifiedBackup(backups, { host: k.entry.host, target: k.installation.store, installation: k.installation, appVersion: env.appVersion }, snapshot, 'manual')
  return { manifest, dir }
}

/** --dry-run: what a reset would remove, from a fresh read; nothing is written, no run is opened. */
export async function dryRun(installations: Installations, k: Known): Promise<DryRun> {
  const snapshot = await installations.storeOf(k).snapshot()
  return { removed: snapshot.keysPresent, account: snapshot.account }
}
