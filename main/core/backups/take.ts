import { posix } from 'node:path'
import type { Host } from '../host/types'
import type { StoreSnapshot, StoreTarget } from '../stores/types'
import type { BackupManifest, BackupReason } from './manifest'
import type { BackupStore } from './store'

/** What a backup is of: the installation's identity as the manifest records it. */
export interface BackupSubject {
  readonly host: Host
  readonly target: StoreTarget
  readonly installation: { readonly id: string; readonly platform: string; readonly installType: string }
  readonly appVersion: string
}

export interface TakenBackup {
  readonly manifest: BackupManifest
  readonly dir: string
  /** The copy kept beside the original on a server over SSH, or null (none there, or it could not be written). */
  readonly copyOnServer: string | null
}

/**
 * The one way a backup is taken (the wizard's Back up step and every run): the bytes written with
 * their manifest, read back and checked against their sha256 before anything changes, and over
 * SSH a copy also kept beside the original on the server (0600), for whoever works there.
 */
export async function takeVerifiedBackup(backups: BackupStore, subject: BackupSubject, snapshot: StoreSnapshot, reason: BackupReason, log: (line: string) => unknown = () => undefined): Promise<TakenBackup> {
  const { host, target, installation } = subject
  const { manifest, dir } = await backups.create(snapshot.payload, {
    reason,
    host: host.ref,
    installationId: installation.id,
    platform: installation.platform,
    installType: installation.installType,
    appVersion: subject.appVersion,
    target,
    fileName: snapshot.fileName,
    account: { username: snapshot.account.username, maskedEmail: snapshot.account.maskedEmail },
    keysPresent: snapshot.keysPresent,
    ...(snapshot.ownership ? { original: snapshot.ownership } : {})
  })
  await backups.readVerified(manifest.id) // read back once more before anything changes
  let copyOnServer: string | null = null
  if (host.kind === 'ssh' && target.kind === 'preferences-xml') {
    const copy = posix.join(posix.dirname(target.path), `Preferences.xml.plex-reclaim-${manifest.id}.bak`)
    // The copy is a courtesy: the verified backup here is the one that counts, so a refusal is logged.
    copyOnServer = await host.writeNewFile(copy, snapshot.payload, 0o600).then(
      () => copy,
      () => null
    )
    await log(copyOnServer ? `backup ${manifest.id} also kept on the server as ${copy}` : `could not keep a copy of backup ${manifest.id} on the server`)
  }
  await log(`backup ${manifest.id} (${reason}) sha256 ${manifest.sha256} verified`)
  return { manifest, dir, copyOnServer }
}
