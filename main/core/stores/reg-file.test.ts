import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalHost } from '../host/local'
import { tempDir } from '../../../test/support/temp'
import { inspectSettingsFile } from './inspect-file'
import { parseRegFile, readRegValues, regDifferences, regState } from './reg-file'
import { WindowsRegistryStore } from './windows-registry'

const utf16 = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])

// The lines below are as Wine 8's reg.exe wrote them (real-parts reference: CRLF, hex wrapped at
// 80 columns with "\" and a two-space indent).
const EXPORT = [
  'Windows Registry Editor Version 5.00',
  '',
  '[HKEY_CURRENT_USER\\Software\\Plex, Inc.\\Plex Media Server]',
  '@="default"',
  '"AcceptedEULA"=dword:00000001',
  '"Bin"=hex:00,11,22,33,44,55,66,77,88,99,aa,bb,cc,dd,ee,ff,00,11,22,33,44,55,66,\\',
  '  77,88,99',
  '"Exp"=hex(2):25,00,4c,00,00,00',
  '"Friendly Name"="Küche 猫 \\"x\\" C:\\\\y"',
  '"Multi"=hex(7):61,00,00,00,62,00,00,00,00,00',
  '"PlexOnlineToken"="SECRET"',
  '"PlexOnlineUsername"="kate"',
  '"Q"=hex(b):35,1c,dc,df,02,00,00,00',
  '',
  '[HKEY_CURRENT_USER\\Software\\Plex, Inc.\\Plex Media Server\\Sub key]',
  '"Inner"="x"',
  '',
  ''
].join('\r\n')

describe('.reg files as reg export writes them', () => {
  it('parses every type, continuation lines, escapes and the default value', () => {
    const [root, sub] = parseRegFile(utf16(EXPORT))
    const byName = Object.fromEntries(root!.values.map((v) => [v.name, [v.type, v.data.toString('hex')]]))
    expect(byName).toEqual({
      '': [1, Buffer.from('default\0', 'utf16le').toString('hex')],
      AcceptedEULA: [4, '01000000'],
      Bin: [3, '00112233445566778899aabbccddeeff00112233445566778899'],
      Exp: [2, '25004c000000'],
      'Friendly Name': [1, Buffer.from('Küche 猫 "x" C:\\y\0', 'utf16le').toString('hex')],
      Multi: [7, '61000000620000000000'],
      PlexOnlineToken: [1, Buffer.from('SECRET\0', 'utf16le').toString('hex')],
      PlexOnlineUsername: [1, Buffer.from('kate\0', 'utf16le').toString('hex')],
      Q: [11, '351cdcdf02000000']
    })
    expect(sub).toEqual({ path: 'HKEY_CURRENT_USER\\Software\\Plex, Inc.\\Plex Media Server\\Sub key', values: [{ name: 'Inner', type: 1, data: Buffer.from('x\0', 'utf16le') }] })
    expect(readRegValues(utf16(EXPORT))).toMatchObject({ AcceptedEULA: '1', Q: '12345678901', 'Friendly Name': 'Küche 猫 "x" C:\\y', Exp: '%L' })
  })

  it('compares by values, not by order or root spelling, and names differences without data', () => {
    const a = regState(parseRegFile(utf16(EXPORT)))
    const reordered = EXPORT.replace('"PlexOnlineToken"="SECRET"\r\n"PlexOnlineUsername"="kate"', '"PlexOnlineUsername"="kate"\r\n"PlexOnlineToken"="SECRET"').replace(/HKEY_CURRENT_USER/g, 'HKCU')
    expect(regDifferences(a, regState(parseRegFile(utf16(reordered))))).toEqual([])
    const changed = regState(parseRegFile(utf16(EXPORT.replace('"SECRET"', '"OTHER"').replace('"Inner"="x"', '"Inner"="x"\r\n"New"=dword:00000002'))))
    const diffs = regDifferences(a, changed)
    expect(diffs).toEqual(['hkey_current_user\\software\\plex, inc.\\plex media server: value "plexonlinetoken" differs', 'hkey_current_user\\software\\plex, inc.\\plex media server\\sub key: value "new" was added'])
  })

  it.each([
    ['no header', 'hello'],
    ['a deletion', 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\X]\r\n"a"=-\r\n'],
    ['a key deletion', 'Windows Registry Editor Version 5.00\r\n\r\n[-HKEY_CURRENT_USER\\X]\r\n'],
    ['bad hex', 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\X]\r\n"a"=hex:zz\r\n'],
    ['a value before any key', 'Windows Registry Editor Version 5.00\r\n"a"="b"\r\n']
  ])('refuses %s with a clear error', (_name, text) => {
    expect(() => parseRegFile(utf16(text))).toThrow(expect.objectContaining({ code: 'NOT_A_SETTINGS_FILE' }))
  })

  it('refuses an oversized file', () => {
    expect(() => parseRegFile(Buffer.alloc(9 * 1024 * 1024, 0x41))).toThrow(/larger than/)
  })

  it('inspects a .reg export', async () => {
    const file = join(tempDir(), 'x.reg')
    writeFileSync(file, utf16(EXPORT))
    expect(await inspectSettingsFile(new LocalHost(), file)).toMatchObject({ kind: 'reg', account: { username: 'kate', tokenPresent: true } })
  })

  it('says when reg is not on PATH', async () => {
    const saved = process.env.PATH
    process.env.PATH = tempDir()
    try {
      mkdirSync(process.env.PATH, { recursive: true })
      await expect(new WindowsRegistryStore(new LocalHost(), 'HKCU\\Software\\Plex, Inc.\\Plex Media Server').snapshot()).rejects.toMatchObject({ code: 'TOOL_MISSING' })
    } finally {
      process.env.PATH = saved
    }
  })
})
