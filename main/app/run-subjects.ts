import type { StepId } from '../core/engine/journal'
import type { LabelDetail } from '../core/detect/types'
import { sameHost } from '../core/host/host-ref'
import { settingsLocation } from '../core/stores/location'
import type { StoreTarget } from '../core/stores/types'
import type { HostRef } from '../core/host/host-ref'
import type { Installations } from './installations'
import type { Runs } from './runs'

/** A run cut off by an earlier process, with the backup "Undo" would put back: what Welcome offers. */
export interface CutOffSummary {
  readonly runId: string
  readonly kind: 'reset' | 'restore'
  readonly label: string
  readonly installType: string | null
  readonly labelDetail: LabelDetail | null
  readonly lastStep: StepId | null
  readonly createdAt: string
  readonly backup: { readonly id: string; readonly createdAt: string; readonly account: string | null } | null
}

/** What a run is about before it starts: for the window's run registry (and its progress). */
export interface RunSubject {
  readonly kind: 'reset' | 'restore'
  readonly installationId: string
  readonly label: string
  readonly backupId: string | null
}

/** Runs cut off by an earlier process (the registry never counts a live one among them). */
export async function cutOffSummaries(runs: Runs): Promise<CutOffSummary[]> {
  const cut = (await runs.list()).flatMap((r) => (r.status === 'cut-off' ? [r.journal] : []))
  return Promise.all(
    cut.map(async (j): Promise<CutOffSummary> => {
      const m = j.backupId ? await runs.backups.get(j.backupId).then((b) => b.manifest, () => null) : null
      const backup = m ? { id: m.id, createdAt: m.createdAt, account: m.account.username ?? m.account.maskedEmail ?? null } : null
      return { runId: j.runId, kind: j.kind, label: j.label, installType: j.installType ?? null, labelDetail: j.labelDetail ?? null, lastStep: j.completed.at(-1) ?? null, createdAt: j.createdAt, backup }
    })
  )
}

/** The installation known for these settings now (by host and location, whatever id it had), if any. */
function knownFor(installations: Installations, host: HostRef, target: StoreTarget) {
  return installations.all().find((k) => sameHost(k.installation.host, host) && settingsLocation(k.installation.store) === settingsLocation(target)) ?? null
}

/** A restore of a backup: the server it belongs to, named as detection names it when it is known. */
export async function restoreSubject(runs: Runs, installations: Installations, backupId: string): Promise<RunSubject> {
  const { manifest } = await runs.backups.get(backupId)
  const k = knownFor(installations, manifest.host, manifest.target)
  return { kind: 'restore', installationId: k?.installation.id ?? manifest.installationId ?? 'unknown', label: k?.installation.label ?? manifest.installType, backupId }
}

/** Finishing or undoing a cut-off run: its journal says what it was about. */
export async function cutOffSubject(runs: Runs, runId: string, action: 'resume' | 'rollback'): Promise<RunSubject> {
  const j = await runs.cutOff(runId)
  return { kind: j.kind, installationId: j.installationId, label: j.label, backupId: action === 'resume' ? (j.restoreBackupId ?? null) : (j.backupId ?? null) }
}
