import { describe, expect, it } from 'vitest'
import { scrub } from './scrub'

const none = { secrets: [], includeEmail: false }

describe('the report scrubber', () => {
  it('removes known values wherever they appear, longest first, in any case', () => {
    expect(scrub('a SECRETtoken b secrettoken c', { secrets: ['SECRETtoken'], includeEmail: false })).toBe('a [removed] b [removed] c')
  })

  it('removes values after token and password keys, claim codes, e-mails (masked too) and token-shaped words', () => {
    const text = 'X-Plex-Token: abc PlexOnlineToken="xyz" password=hunter2 <authentication-token>q1</authentication-token> claim-AbCdEf123 k***@example.com kate@example.org Zx9aQw8ErT7yUi6OpAs5'
    expect(scrub(text, none)).toBe('X-Plex-Token: [removed] PlexOnlineToken="[removed]" password=[removed] <authentication-token>[removed]</authentication-token> [claim code removed] [e-mail removed] [e-mail removed] [token removed]')
  })

  it('keeps what a helper needs: run and backup ids, sha256, machine ids, paths, the word reclaim', () => {
    const text = '20261204-231818-22cf26 sha256 4cd65e5ef1405d62df8f977c4a98f63dcbb1c08372ad11bd3d127c337d5b6c47 abcdefabcdefabcdefabcdefabcdefabcdefabcd pms-51afc921a265 /tmp/plex-reclaim-test-VPXB7c/var/lib/plexmediaserver "token present"'
    expect(scrub(text, none)).toBe(text)
  })

  it('with e-mails included, an e-mail stays; tokens still go', () => {
    expect(scrub('kate@example.org PLANTEDtoken1234abcdXYZ', { secrets: ['kate@example.org', 'PLANTEDtoken1234abcdXYZ'], includeEmail: true })).toBe('kate@example.org [removed]')
  })
})
