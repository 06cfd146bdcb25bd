import { describe, expect, it } from 'vitest'
import type { BackupManifest } from '../core/backups/manifest'
import { accountChanged } from '../core/account/change'
import { previousAccountOf, withAccountChange } from './accounts'
import type { Known } from './installations'

const known = (account: { username: string | null; maskedEmail: string | null } | null): Known =>
  ({ installation: { id: 'pms-aaaaaaaaaaaa', host: { kind: 'local' }, store: { kind: 'preferences-xml', path: '/a/Preferences.xml', dataDir: '/a' }, account: account && { ...account, tokenPresent: false, plexHome: false, machineIdentifier: null, keysPresent: [] } }, entry: {}, file: null }) as unknown as Known

const manifest = (id: string, installationId: string, account: { username: string | null; maskedEmail: string | null }): BackupManifest =>
  ({ id, installationId, host: { kind: 'local' }, target: { kind: 'preferences-xml', path: installationId === 'pms-aaaaaaaaaaaa' ? '/a/Preferences.xml' : '/b/Preferences.xml', dataDir: '/a' }, account }) as unknown as BackupManifest

describe('the account the server had before', () => {
  it('is the newest backup of this installation that recorded one (a backup after the reset records none)', () => {
    const list = [
      manifest('3', 'pms-aaaaaaaaaaaa', { username: null, maskedEmail: null }),
      manifest('2', 'pms-bbbbbbbbbbbb', { username: 'other', maskedEmail: 'o***@x.org' }),
      manifest('1', 'pms-aaaaaaaaaaaa', { username: 'kate', maskedEmail: 'k***@example.com' })
    ]
    expect(previousAccountOf(known(null), list)).toEqual({ username: 'kate', maskedEmail: 'k***@example.com' })
  })

  it('a backup of the same file taken under an older id (the install type was once part of it) still counts', () => {
    const older = { ...manifest('1', 'pms-cccccccccccc', { username: 'kate', maskedEmail: 'k***@example.com' }), target: { kind: 'preferences-xml', path: '/a/Preferences.xml', dataDir: '/a' } } as BackupManifest
    expect(previousAccountOf(known(null), [older])).toEqual({ username: 'kate', maskedEmail: 'k***@example.com' })
  })

  it('without a backup, the account in its settings now; none when it was never signed in', () => {
    expect(previousAccountOf(known({ username: 'kate', maskedEmail: null }), [])).toEqual({ username: 'kate', maskedEmail: null })
    expect(previousAccountOf(known({ username: null, maskedEmail: null }), [])).toBeNull()
  })
})

describe('a different account: both the username and the e-mail differ', () => {
  const kate = { username: 'kate', maskedEmail: 'k***@example.com' }
  it.each([
    [{ username: 'kate', maskedEmail: 'z***@elsewhere.net' }, false],
    [{ username: 'KATE', maskedEmail: null }, false],
    [{ username: 'kate_renamed', maskedEmail: 'k***@example.com' }, false],
    [{ username: 'someone', maskedEmail: 's***@example.org' }, true],
    [{ username: 'someone', maskedEmail: null }, true],
    [{ username: null, maskedEmail: null }, false]
  ])('%o: %s', (next, changed) => expect(accountChanged(kate, next)).toBe(changed))

  it('a claim code: the change is named after, from the username in the claim answer', () => {
    expect(withAccountChange({ claimed: true, username: 'someone', route: 'local-claim' }, kate)).toEqual({ claimed: true, username: 'someone', route: 'local-claim', accountChange: { previousAccount: kate, newAccount: { username: 'someone', maskedEmail: null } } })
    expect(withAccountChange({ claimed: true, username: 'kate', route: 'local-claim' }, kate).accountChange).toBeNull()
    expect(withAccountChange({ claimed: true, username: null, route: 'local-claim' }, kate).accountChange).toBeNull()
    expect(withAccountChange({ claimed: true, username: 'someone', route: 'local-claim' }, null).accountChange).toBeNull()
    // An e-mail used as the username is recorded masked in the backup: compared the same way.
    expect(withAccountChange({ claimed: true, username: 'kate@example.com', route: 'local-claim' }, { username: 'k***@example.com', maskedEmail: 'k***@example.com' }).accountChange).toBeNull()
  })
})
