import { describe, expect, it } from 'vitest'
import type { BackupView } from '../../../preload/contract'
import { backupCards } from './backup-cards'

const backup = (id: string, createdAt: string, sha: string, signedIn: boolean): BackupView => ({
  id,
  createdAt,
  reason: 'manual',
  target: '',
  installType: 'linux-package',
  sha256: sha.repeat(64),
  size: 1,
  account: { username: signedIn ? 'kate_old' : null, maskedEmail: null },
  keysPresent: signedIn ? ['PlexOnlineToken'] : [],
  installationId: 'pms-0123456789',
  usedBy: null
})

describe('the restore list', () => {
  it('shows backups of the same content as one card with every date, and marks the newest one with a sign-in', () => {
    const cards = backupCards([
      backup('20261204-215700-aaaaaa', '2026-12-04T21:57:00.000Z', 'a', true),
      backup('20261204-220500-bbbbbb', '2026-12-04T22:05:00.000Z', 'b', false),
      backup('20261204-221000-cccccc', '2026-12-04T22:10:00.000Z', 'a', true)
    ])
    expect(cards.map((c) => [c.newest.id, c.dates.length, c.useful])).toEqual([
      ['20261204-221000-cccccc', 2, true],
      ['20261204-220500-bbbbbb', 1, false]
    ])
    // The server is signed in as that account already: restoring it changes nothing, so it is not the one marked.
    expect(backupCards([backup('20261204-215700-aaaaaa', '2026-12-04T21:57:00.000Z', 'a', true)], 'kate_old')[0]?.useful).toBe(false)
  })
})
