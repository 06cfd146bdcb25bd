import type { WizardState } from './wizard-store'

export const STEPS = ['welcome', 'find', 'diagnosis', 'backup', 'reset', 'claim', 'done'] as const
export type StepId = (typeof STEPS)[number] | 'restore'

/** Whether each step can be entered, derived from the state: never stored as a flag. */
export function availability(s: WizardState): Record<StepId, boolean> {
  const selected = s.installations?.find((i) => i.id === s.selectedId) ?? null
  const signedIn = Boolean(selected?.account && selected.account.keysPresent.length > 0)
  const verifiedBackup = Boolean(s.backup && s.backup.installationId === s.selectedId)
  const resetDone = s.run.status === 'finished' && s.run.installationId === s.selectedId
  const claimable = resetDone || (selected !== null && !signedIn && selected.readError === null)
  return {
    welcome: s.run.status !== 'running',
    find: s.run.status !== 'running',
    diagnosis: selected !== null && s.run.status !== 'running',
    backup: selected !== null && signedIn && s.canStillSignIn === false && s.run.status !== 'running',
    // The remove step cannot be reached without a verified backup of this server.
    reset: verifiedBackup,
    claim: claimable && s.run.status !== 'running',
    done: s.claim.status === 'claimed',
    restore: s.run.status !== 'running' && s.restore.status !== 'running'
  }
}
