import { CoreError } from '../result'
import type { RunResult } from './ssh-channels'

/**
 * How privileged commands run. sudo's timestamp does not carry across SSH exec channels (each has
 * a new parent and no terminal), so with a password every privileged command gets it again, as
 * its only input (-S -k): file bytes never share that input, they travel separately.
 */
export type SudoMode = { readonly kind: 'off' } | { readonly kind: 'nopasswd' } | { readonly kind: 'password'; readonly password: string }

/** The user chooses sudo, with a password or without one (NOPASSWD). Never stored. */
export interface SudoChoice {
  readonly password?: string
}

export function sudoPrefix(mode: SudoMode): string {
  if (mode.kind === 'nopasswd') return `sudo -n -- `
  if (mode.kind === 'password') return `sudo -S -k -p '' -- `
  return ''
}

/** The standard input of a privileged command: the password line and nothing else. */
export const sudoInput = (mode: SudoMode): Buffer | undefined => (mode.kind === 'password' ? Buffer.from(`${mode.password}\n`) : undefined)

type Run = (line: string, input: Buffer | undefined) => Promise<RunResult>

/**
 * Finds out once how sudo behaves for this user: no password needed (sudo -n), a password that
 * must be right, or no sudo at all. Each case has its own message.
 */
export async function probeSudo(run: Run, user: string, where: string, choice: SudoChoice): Promise<SudoMode> {
  const missing = () => new CoreError('SUDO_MISSING', `${where} has no sudo. Log in as root (--host root@…), or as the user that owns the Plex data (often "plex").`)
  const probe = await run(`sudo -n true`, undefined)
  if (probe.code === 0) return { kind: 'nopasswd' }
  if (probe.code === 127 || /command not found|sudo: not found/.test(probe.stderr)) throw missing()
  if (choice.password === undefined || choice.password === '') {
    throw new CoreError('SUDO_WRONG_PASSWORD', `sudo on ${where} asks for ${user}'s password. Type it (it is not stored), then try again.`)
  }
  const mode: SudoMode = { kind: 'password', password: choice.password }
  const check = await run(`${sudoPrefix(mode)}true`, sudoInput(mode))
  if (check.code === 0) return mode
  if (/not in the sudoers|not allowed|may not run/i.test(check.stderr)) {
    throw new CoreError('SUDO_REFUSED', `${user} may not use sudo on ${where}. Ask its administrator, or log in as a user who may.`)
  }
  if (/incorrect password|Sorry, try again|no password was provided/i.test(check.stderr)) {
    throw new CoreError('SUDO_WRONG_PASSWORD', `sudo on ${where} did not accept that password. Type it again (it is not stored).`)
  }
  throw new CoreError('SUDO_REFUSED', `sudo on ${where} failed: ${check.stderr.trim().split('\n').pop() ?? `exit ${check.code}`}. Ask its administrator, or log in as a user who may.`)
}
