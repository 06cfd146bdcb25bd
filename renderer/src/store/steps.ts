import type { WizardState } from './state'

export const STEPS = ['welcome', 'find', 'diagnosis', 'backup', 'review', 'reset', 'claim', 'done'] as const
export type StepId = (typeof STEPS)[number] | 'restore'

/** Whether each step can be entered, derived from the state: never stored as a flag. */
export function availability(s: WizardState): Record<StepId, boolean> {
  const selected = s.installations?.find((i) => i.id === s.selectedId) ?? null
  const signedIn = Boolean(selected?.account && selected.account.keysPresent.length > 0)
  const verifiedBackup = Boolean(s.backup && s.backup.installationId === s.selectedId)
  const running = s.run.status === 'running' || s.restore.status === 'running'
  const resetDone = s.run.status === 'finished' && s.run.kind === 'reset' && s.run.action !== 'rollback' && s.run.installationId === s.selectedId
  const needsReset = selected !== null && signedIn && s.canStillSignIn === false
  // Settings that need permission to read may belong to an unclaimed server: claiming needs no file access.
  const claimable = resetDone || (selected !== null && !signedIn && (selected.readError === null || selected.readError.code === 'NEEDS_PERMISSION'))
  return {
    welcome: !running,
    find: !running,
    diagnosis: selected !== null && !running,
    backup: needsReset && !running && !resetDone,
    // The reset is reviewed only with a verified backup of this server, and only before it ran.
    review: needsReset && verifiedBackup && !running && !resetDone,
    // The Reset step shows a run: it never starts one.
    reset: s.run.status !== 'idle',
    claim: claimable && !running,
    done: s.claim.status === 'claimed',
    restore: !running
  }
}
