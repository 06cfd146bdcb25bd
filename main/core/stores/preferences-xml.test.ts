import { describe, expect, it } from 'vitest'
import { CoreError } from '../result'
import { expectedAfterReset, realWorldFixtures } from '../../../test/support/fixtures'
import { SIGN_IN_KEYS } from './keys'
import { attributeValue, parsePreferences, removeSignInKeys, signInKeysPresent } from './preferences-xml'

const SIGN_IN_ATTRIBUTE = /\sPlexOnline(?:Home|Mail|Token|Username)\s*=/
const reset = (input: string | Buffer): string => removeSignInKeys(parsePreferences(Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8'))).bytes.toString('latin1')
const refusal = (input: string | Buffer): string => {
  try {
    parsePreferences(Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8'))
  } catch (error) {
    return (error as CoreError).code
  }
  return 'accepted'
}

describe('real-world Preferences.xml files', () => {
  const fixtures = realWorldFixtures()

  it('are all here', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(14)
  })

  for (const { name, bytes } of fixtures) {
    if (name.startsWith('40-')) {
      it(`${name}: the duplicate attribute is refused as malformed XML`, () => {
        expect(refusal(bytes)).toBe('MALFORMED_XML')
      })
      continue
    }
    it(`${name}: ends as the exact expected bytes`, () => {
      const doc = parsePreferences(bytes)
      const { bytes: after, removed } = removeSignInKeys(doc)
      expect(after.equals(expectedAfterReset(bytes))).toBe(true)
      expect(signInKeysPresent(parsePreferences(after))).toEqual([])
      // Everything else is still there, in order.
      const rest = (d: typeof doc) => d.attributes.filter((a) => !(SIGN_IN_KEYS as readonly string[]).includes(a.name)).map((a) => [a.name, a.raw])
      expect(rest(parsePreferences(after))).toEqual(rest(doc))
      expect(removed.length).toBe(signInKeysPresent(doc).length)
    })
  }

  it('01 (no final newline): the exact bytes, end included', () => {
    const f = fixtures.find((x) => x.name.startsWith('01-'))!
    const after = reset(f.bytes)
    expect(after.endsWith('/>')).toBe(true)
    expect(after).not.toMatch(SIGN_IN_ATTRIBUTE)
    expect(f.bytes.length - after.length).toBe(f.bytes.toString('latin1').match(/ PlexOnline(?:Home|Mail|Token|Username)="[^"]*"/g)!.join('').length)
    expect(after).toContain('PublishServerOnPlexOnlineKey') // a name that merely contains "PlexOnline" stays
  })

  it('35 (one attribute per line): each line with its indentation goes, "/>" stays on its own line', () => {
    const f = fixtures.find((x) => x.name.startsWith('35-'))!
    const after = reset(f.bytes)
    expect(after).not.toMatch(SIGN_IN_ATTRIBUTE)
    expect(after).toMatch(/\n\/>\s*$/)
    expect(after.split('\n').every((line) => !/^\s+$/.test(line))).toBe(true)
  })

  it('48 (tabs): tab indentation before a removed key goes with it', () => {
    const f = fixtures.find((x) => x.name.startsWith('48-'))!
    const before = f.bytes.toString('latin1')
    const after = reset(f.bytes)
    expect(before).toMatch(/\t/)
    expect(after).not.toMatch(SIGN_IN_ATTRIBUTE)
    expect(after).toContain('%') // other placeholders kept as they are
  })

  it('07 and 34 (empty token): an empty attribute is removed too (linuxserver/plex needs it gone)', () => {
    for (const prefix of ['07-', '34-']) {
      const f = fixtures.find((x) => x.name.startsWith(prefix))!
      expect(f.bytes.toString('latin1')).toContain('PlexOnlineToken=""')
      expect(reset(f.bytes)).not.toContain('PlexOnlineToken')
    }
  })

  it('36 (never claimed): nothing to remove, bytes unchanged', () => {
    const f = fixtures.find((x) => x.name.startsWith('36-'))!
    const { bytes, removed } = removeSignInKeys(parsePreferences(f.bytes))
    expect(removed).toEqual([])
    expect(bytes.equals(f.bytes)).toBe(true)
  })

  it('09 (entities): values are read decoded and written back untouched', () => {
    const f = fixtures.find((x) => x.name.startsWith('09-'))!
    const doc = parsePreferences(f.bytes)
    expect(attributeValue(doc, 'customConnections')).toBe('http://<localhost>:32400/')
    expect(reset(f.bytes)).toContain('customConnections="http://&lt;localhost&gt;:32400/"')
  })
})

describe('byte-exact edits', () => {
  it('keeps CRLF line endings', () => {
    const input = '<?xml version="1.0" encoding="utf-8"?>\r\n<Preferences\r\n  A="1"\r\n  PlexOnlineToken="t"\r\n  B="2"/>\r\n'
    expect(reset(input)).toBe('<?xml version="1.0" encoding="utf-8"?>\r\n<Preferences\r\n  A="1"\r\n  B="2"/>\r\n')
  })

  it('keeps a UTF-8 byte-order mark', () => {
    const input = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<?xml version="1.0"?><Preferences PlexOnlineMail="a@b.c" X="ü"/>', 'utf8')])
    const out = removeSignInKeys(parsePreferences(input)).bytes
    expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(out.subarray(3).toString('utf8')).toBe('<?xml version="1.0"?><Preferences X="ü"/>')
  })

  it('handles single quotes and spaces around =', () => {
    expect(reset(`<Preferences A='1' PlexOnlineToken = 'x"y' PlexOnlineUsername\t=\n"u" B='2'/>`)).toBe(`<Preferences A='1' B='2'/>`)
  })

  it('handles the <Preferences ...></Preferences> form', () => {
    expect(reset('<Preferences PlexOnlineHome="1" A="1"></Preferences>\n')).toBe('<Preferences A="1"></Preferences>\n')
  })

  it('leaves comments and values that contain the key names alone', () => {
    const input = '<?xml version="1.0"?>\n<!-- PlexOnlineToken="old" -->\n<Preferences Note="PlexOnlineToken=&quot;x&quot;" PlexOnlineToken="t" Other=\'PlexOnlineMail="m"\'/>\n<!-- PlexOnlineMail -->\n'
    expect(reset(input)).toBe('<?xml version="1.0"?>\n<!-- PlexOnlineToken="old" -->\n<Preferences Note="PlexOnlineToken=&quot;x&quot;" Other=\'PlexOnlineMail="m"\'/>\n<!-- PlexOnlineMail -->\n')
  })

  it('leaves attribute names that contain the key names alone', () => {
    const input = '<Preferences PlexOnlineTokenOld="a" XPlexOnlineToken="b" PlexOnlineMailVerified="1" PlexOnlineToken="t" plexonlinetoken="c"/>'
    expect(reset(input)).toBe('<Preferences PlexOnlineTokenOld="a" XPlexOnlineToken="b" PlexOnlineMailVerified="1" plexonlinetoken="c"/>')
  })

  it('leaves attributes of child elements alone', () => {
    expect(reset('<Preferences A="1"><Child PlexOnlineToken="keep"/></Preferences>')).toBe('<Preferences A="1"><Child PlexOnlineToken="keep"/></Preferences>')
  })

  it('keeps ISO-8859-1 bytes and reads the values in that encoding', () => {
    const input = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>\n<Preferences FriendlyName="Caf\xe9" PlexOnlineUsername="Jos\xe9" PlexOnlineToken="t"/>', 'latin1')
    const doc = parsePreferences(input)
    expect(attributeValue(doc, 'PlexOnlineUsername')).toBe('José')
    const out = removeSignInKeys(doc).bytes
    expect(out.equals(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>\n<Preferences FriendlyName="Caf\xe9"/>', 'latin1'))).toBe(true)
  })

  it('reads UTF-8 multi-byte values without shifting the cut', () => {
    const input = '<Preferences FriendlyName="Wohnzimmer 📺 Ü" PlexOnlineUsername="Zoë" Z="ß"/>'
    const doc = parsePreferences(Buffer.from(input))
    expect(['FriendlyName', 'PlexOnlineUsername', 'Z'].map((n) => attributeValue(doc, n))).toEqual(['Wohnzimmer 📺 Ü', 'Zoë', 'ß'])
    expect(Buffer.from(reset(input), 'latin1').toString('utf8')).toBe('<Preferences FriendlyName="Wohnzimmer 📺 Ü" Z="ß"/>')
  })

  // How fast: bench/ measures it (a test asserts bytes, never the clock).
  it('edits a 100 KB file exactly', () => {
    const many = Array.from({ length: 2600 }, (_, i) => `Setting${i}="${'v'.repeat(25)}"`)
    many.splice(1300, 0, 'PlexOnlineToken="abcdefghijklmnopqrst"', 'PlexOnlineMail="k@example.com"')
    const input = `<?xml version="1.0" encoding="utf-8"?>\n<Preferences ${many.join(' ')}/>\n`
    expect(input.length).toBeGreaterThan(100_000)
    const out = reset(input)
    expect(out).toBe(input.replace(' PlexOnlineToken="abcdefghijklmnopqrst" PlexOnlineMail="k@example.com"', ''))
  })
})

describe('refusals', () => {
  it.each([
    ['an empty file', '', 'EMPTY_FILE'],
    ['a binary file', Buffer.from([0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x00, 0x01, 0x02]), 'BINARY_FILE'],
    ['a truncated file', '<?xml version="1.0"?>\n<Preferences A="1" PlexOnlineToken="ab', 'MALFORMED_XML'],
    ['a file cut after the tag name', '<Preferences', 'MALFORMED_XML'],
    ['a wrong root', '<?xml version="1.0"?><MediaContainer PlexOnlineToken="t"/>', 'NOT_PREFERENCES'],
    ['a DOCTYPE', '<?xml version="1.0"?><!DOCTYPE Preferences><Preferences A="1"/>', 'DOCTYPE_REFUSED'],
    ['an undefined entity', '<Preferences A="&evil;"/>', 'MALFORMED_XML'],
    ['a duplicate attribute', '<Preferences A="1" A="2"/>', 'MALFORMED_XML'],
    ['a second root', '<Preferences/><Preferences/>', 'MALFORMED_XML'],
    ['text after the root', '<Preferences/>junk', 'MALFORMED_XML'],
    ['UTF-16', Buffer.from('\ufeff<Preferences/>', 'utf16le'), 'UNSUPPORTED_ENCODING'],
    ['an unknown encoding', '<?xml version="1.0" encoding="Shift_JIS"?><Preferences/>', 'UNSUPPORTED_ENCODING']
  ])('refuses %s', (_name, input, code) => {
    expect(refusal(input as string | Buffer)).toBe(code)
  })

  it('refuses a billion-laughs file at its DOCTYPE, before any entity could be expanded', () => {
    const lol = ['<?xml version="1.0"?>', '<!DOCTYPE Preferences [', '<!ENTITY lol "lol">']
    for (let i = 1; i <= 9; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1 || ''};`.repeat(10)}">`)
    lol.push(']>', '<Preferences A="&lol9;"/>')
    expect(refusal(lol.join('\n'))).toBe('DOCTYPE_REFUSED')
  })

  it('says what to do, and carries no stack trace', () => {
    try {
      parsePreferences(Buffer.from('<Preferences A="1" A="2"/>'))
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(CoreError)
      expect((error as CoreError).message).toMatch(/not well-formed XML \(.*duplicate attribute: A\).*nothing was changed/)
    }
  })
})

describe('a single huge value or comment', () => {
  const MB = 1024 * 1024
  for (const size of [10 * MB, 64 * MB - 200]) {
    it(`handles a ${Math.round(size / MB)} MB attribute value and a comment of that size, cutting only the four keys`, () => {
      const big = 'v'.repeat(size)
      const doc = `<?xml version="1.0" encoding="utf-8"?>\n<Preferences Big="${big}" PlexOnlineToken="t" A="1"/>\n`
      expect(reset(doc)).toBe(doc.replace(' PlexOnlineToken="t"', ''))
      const commented = `<!--${big}--><Preferences PlexOnlineToken="t" A="1"/>`
      expect(reset(commented)).toBe(commented.replace(' PlexOnlineToken="t"', ''))
    }, 60_000)
  }

  it('refuses a 10 MB value with a stray "<" or a bare "&" as malformed XML, naming the problem', () => {
    const big = 'v'.repeat(10 * 1024 * 1024)
    for (const bad of [`<Preferences Big="${big}<" A="1"/>`, `<Preferences Big="${big}&" A="1"/>`, `<!--${big}--->`]) {
      expect(() => parsePreferences(Buffer.from(bad))).toThrow(expect.objectContaining({ code: 'MALFORMED_XML', message: expect.stringMatching(/malformed (attribute|comment)/) }))
    }
  }, 60_000)
})
