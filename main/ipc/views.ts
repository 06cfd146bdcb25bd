import type { BackupView, InstallationView } from '../../preload/contract'
import type { BackupManifest, Installation } from '../app/index'

import { describeTarget } from '../app/index'

/** What the renderer may see of an installation: no token, no control internals. */
export const toInstallationView = (i: Installation, running: boolean | null, host = 'this computer'): InstallationView => ({
  id: i.id,
  label: i.label,
  platform: i.platform,
  installType: i.installType,
  store: describeTarget(i.store),
  dataDir: i.dataDir,
  account: i.account,
  readError: i.readError,
  running,
  controllable: i.control.kind !== 'manual',
  host
})

export const toBackupView = (m: BackupManifest): BackupView => ({
  id: m.id,
  createdAt: m.createdAt,
  reason: m.reason,
  target: describeTarget(m.target),
  installType: m.installType,
  sha256: m.sha256,
  size: m.size,
  account: m.account,
  keysPresent: m.keysPresent
})
