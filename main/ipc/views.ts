import type { BackupView, ClaimedView, DiagnosisView, InstallationView, NeedsConfirmationView } from '../../preload/contract'
import type { BackupManifest, ClaimResult, Diagnosis, Installation, SignInResult } from '../app/index'

import { describeTarget } from '../app/index'

/** What the renderer may see of an installation: no token, no control internals. */
export const toInstallationView = (i: Installation, running: boolean | null, host = 'this computer'): InstallationView => ({
  id: i.id,
  label: i.label,
  labelDetail: i.labelDetail,
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

export const toBackupView = (m: BackupManifest, usedBy: BackupView['usedBy'] = null): BackupView => ({
  id: m.id,
  createdAt: m.createdAt,
  reason: m.reason,
  target: describeTarget(m.target),
  installType: m.installType,
  sha256: m.sha256,
  size: m.size,
  account: m.account,
  keysPresent: m.keysPresent,
  installationId: m.installationId,
  usedBy
})

/** Account names and masked e-mails only: the token main read stays in main. */
export const toDiagnosisView = (d: Diagnosis): DiagnosisView => ({
  signIn: d.signIn,
  localAccess: d.localAccess && { allowedNetworks: d.localAccess.allowedNetworks, seenAs: d.localAccess.seenAs.addresses, how: d.localAccess.seenAs.how, inside: d.localAccess.inside }
})

export const toClaimedView = (r: ClaimResult): ClaimedView => ({ status: 'claimed', username: r.username, accountChange: r.accountChange })

export const toSignInView = (r: SignInResult): ClaimedView | NeedsConfirmationView =>
  r.status === 'claimed' ? toClaimedView(r.outcome) : { status: 'needs-confirmation', username: null, previousAccount: r.previousAccount, newAccount: r.newAccount }
