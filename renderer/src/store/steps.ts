import type { InstallationView } from '../../../preload/contract'
import type { WizardState } from './state'

export const STEPS = ['welcome', 'find', 'diagnosis', 'backup', 'review', 'reset', 'claim', 'done'] as const
export type StepId = (typeof STEPS)[number] | 'restore'

/** The server has sign-in values: it is signed in (claimed), as far as its settings say. */
export const signedIn = (server: InstallationView | null): boolean => Boolean(server?.account && server.account.keysPresent.length > 0)

/**
 * Whether each step can be entered, derived from the server as it stands now (signed in as whom,
 * running, read after every run and claim) and the run in progress: never stored as a flag, and
 * never from "a reset finished" once the server says otherwise.
 */
export function availability(s: WizardState): Record<StepId, boolean> {
  const selected = s.installations?.find((i) => i.id === s.selectedId) ?? null
  const verifiedBackup = Boolean(s.backup && s.backup.installationId === s.selectedId)
  const resetRunning = s.run.status === 'running'
  const restoreRunning = s.restore.status === 'running'
  // During any run (reset, restore, Undo) only the step that shows it is open.
  const running = resetRunning || restoreRunning
  const needsReset = selected !== null && signedIn(selected) && s.canStillSignIn === false
  // Settings that need permission to read may belong to an unclaimed server: claiming needs no file access.
  const locked = selected?.readError?.code === 'NEEDS_PERMISSION'
  const readable = selected !== null && (selected.readError === null || locked)
  // After a run or a claim on this server, Claim and Done say what the server says now.
  const here = s.finished?.installationId === s.selectedId && s.finished.status === 'finished' ? s.finished : null
  return {
    welcome: !running,
    find: !running,
    diagnosis: selected !== null && !running,
    backup: needsReset && !running,
    // The reset is reviewed only with a verified backup of the settings as they are now; settings
    // only the server's account may read are backed up first inside the one elevated run.
    review: ((needsReset && verifiedBackup) || locked) && !running,
    // The Reset step shows a run: it never starts one.
    reset: s.run.status !== 'idle' && !restoreRunning,
    claim: readable && !running && (!signedIn(selected) || here !== null),
    done: here !== null && here.kind !== 'reset' && !running,
    restore: !resetRunning
  }
}
