import type { BackupView } from '../../../preload/contract'

/** Backups with the same content (sha256) as one card: its dates newest first, the newest one restored. */
export interface BackupCard {
  readonly newest: BackupView
  readonly dates: readonly string[]
  /** The newest card with a sign-in other than the one the server has now: what a restore after a reset is usually for. */
  readonly useful: boolean
}

export function backupCards(backups: readonly BackupView[], current: string | null = null): BackupCard[] {
  const bySha = new Map<string, BackupView[]>()
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  for (const b of newestFirst) bySha.set(b.sha256, [...(bySha.get(b.sha256) ?? []), b])
  const cards = [...bySha.values()].map((same) => ({ newest: same[0]!, dates: same.map((b) => b.createdAt), useful: false }))
  const useful = cards.find((c) => c.newest.keysPresent.length > 0 && c.newest.account.username !== current)
  return cards.map((c) => (c === useful ? { ...c, useful: true } : c))
}
