import type { AccountSummary, BackupManifest, Installation } from '../app/index'
import { describeHost, describeTarget } from '../app/index'

export function describeAccount(account: AccountSummary | null): string {
  if (!account) return 'unknown'
  if (!account.username && !account.maskedEmail && !account.tokenPresent) return 'not signed in'
  const who = [account.username, account.maskedEmail ? `<${account.maskedEmail}>` : null].filter(Boolean).join(' ') || 'an unnamed account'
  return `${who}${account.tokenPresent ? ', token present' : ', no token'}`
}

export function describeInstallation(i: Installation): string {
  return [
    `${i.id}  ${i.label}${i.host.kind === 'ssh' ? ` on ${describeHost(i.host)}` : ''}`,
    `  settings:   ${describeTarget(i.store)}`,
    `  data:       ${i.dataDir}`,
    `  signed in:  ${i.readError ? `cannot tell (${i.readError.message})` : describeAccount(i.account)}`,
    `  server id:  ${i.account?.machineIdentifier ?? 'unknown'}`
  ].join('\n')
}

export function describeBackup(m: BackupManifest): string {
  const who = m.account.username ?? m.account.maskedEmail ?? 'no account'
  const keys = m.keysPresent.length ? m.keysPresent.join(', ') : 'no sign-in keys'
  const where = m.host.kind === 'ssh' ? ` on ${describeHost(m.host)}` : ''
  return `${m.id}  ${m.createdAt}  ${m.reason.padEnd(11)}  ${who}  (${keys})\n  ${describeTarget(m.target)}${where}`
}
