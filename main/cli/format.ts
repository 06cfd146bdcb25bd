import type { AccountSummary, BackupManifest, Installation } from '../app/index'
import { describeHost, describeTarget } from '../app/index'

/**
 * A value from outside (a path, a label, a name) as it may appear in a line of text output: control
 * characters escaped, so a newline in a folder name cannot split a line and an escape sequence
 * cannot reach the terminal. JSON output escapes them already.
 */
export const shown = (value: string): string =>
  // eslint-disable-next-line no-control-regex
  value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  })

/** A whole line of text output: values escaped as by shown(), keeping the line breaks our own texts put in. */
export const shownLines = (text: string): string => text.split('\n').map(shown).join('\n')

export function describeAccount(account: AccountSummary | null): string {
  if (!account) return 'unknown'
  if (!account.username && !account.maskedEmail && !account.tokenPresent) return 'not signed in'
  const who = [account.username === null ? null : shown(account.username), account.maskedEmail ? `<${account.maskedEmail}>` : null].filter(Boolean).join(' ') || 'an unnamed account'
  return `${who}${account.tokenPresent ? ', token present' : ', no token'}`
}

export function describeInstallation(i: Installation): string {
  return [
    `${i.id}  ${shown(i.label)}${i.host.kind === 'ssh' ? ` on ${describeHost(i.host)}` : ''}`,
    `  settings:   ${shown(describeTarget(i.store))}`,
    `  data:       ${shown(i.dataDir)}`,
    `  signed in:  ${i.readError ? `cannot tell (${shown(i.readError.message)})` : describeAccount(i.account)}`,
    `  server id:  ${i.account?.machineIdentifier ?? 'unknown'}`
  ].join('\n')
}

export function describeBackup(m: BackupManifest): string {
  const who = shown(m.account.username ?? m.account.maskedEmail ?? 'no account')
  const keys = m.keysPresent.length ? m.keysPresent.join(', ') : 'no sign-in keys'
  const where = m.host.kind === 'ssh' ? ` on ${describeHost(m.host)}` : ''
  return `${m.id}  ${m.createdAt}  ${m.reason.padEnd(11)}  ${who}  (${keys})\n  ${shown(describeTarget(m.target))}${where}`
}
