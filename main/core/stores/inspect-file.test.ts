import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SIGNED_IN, SIGNED_OUT, layOut, tempDir } from '../../../test/support/temp'
import { runCli } from '../../cli/run'
import { LocalHost } from '../host/local'
import { inspectSettingsFile, sniffKind } from './inspect-file'
import { XmlFileStore } from './xml-file'

const host = new LocalHost()
const linux = process.platform === 'linux'

describe.runIf(linux)('special files are named for what they are', () => {
  it('inspect --file on a FIFO answers at once: a named pipe, not a folder', async () => {
    const fifo = join(tempDir(), 'Preferences.xml')
    execFileSync('mkfifo', [fifo])
    await expect(inspectSettingsFile(host, fifo)).rejects.toMatchObject({ code: 'SPECIAL_FILE', message: expect.stringContaining('is a named pipe (FIFO), not a regular file') })
  }, 5000)

  it('inspect --file on /dev/zero is refused as a device instead of read without end', async () => {
    await expect(inspectSettingsFile(host, '/dev/zero')).rejects.toMatchObject({ code: 'SPECIAL_FILE', message: expect.stringContaining('character device') })
  }, 5000)

  it('a FIFO where Preferences.xml should be is a named pipe to the store, not "a folder"', async () => {
    const root = tempDir()
    layOut(root, { 'data/': '' })
    const path = join(root, 'data', 'Preferences.xml')
    execFileSync('mkfifo', [path])
    const error = (await new XmlFileStore(host, path, join(root, 'data')).snapshot().catch((e: unknown) => e)) as Error
    expect(error).toMatchObject({ code: 'SPECIAL_FILE' })
    expect(error.message).toContain('named pipe')
    expect(error.message).not.toMatch(/folder/)
  }, 5000)

  it('a FIFO named plexmediaserver.pid in the data folder does not hang a reset', async () => {
    const root = tempDir()
    layOut(root, { 'data/Preferences.xml': SIGNED_IN })
    execFileSync('mkfifo', [join(root, 'data', 'plexmediaserver.pid')])
    const file = join(root, 'data', 'Preferences.xml')
    const status = await runCli(['reset', '--file', file, '--no-service', '--yes', '--backup-dir', join(root, 'backups')], { out: () => undefined, err: () => undefined })
    expect(status).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe(SIGNED_OUT)
  }, 5000)

  it('a folder is still called a folder', async () => {
    await expect(inspectSettingsFile(host, tempDir())).rejects.toMatchObject({ code: 'NOT_A_FILE', message: expect.stringContaining('is a folder') })
  })
})

describe('a UTF-16LE Preferences.xml', () => {
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SIGNED_IN, 'utf16le')])

  it('is sniffed as a Preferences.xml, not a registry export', () => {
    expect(sniffKind(utf16)).toBe('preferences-xml')
    expect(sniffKind(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Windows Registry Editor Version 5.00\r\n', 'utf16le')]))).toBe('reg')
  })

  it('is refused for its encoding, with the fix', async () => {
    const file = join(tempDir(), 'Preferences.xml')
    writeFileSync(file, utf16)
    const error = (await inspectSettingsFile(host, file).catch((e: unknown) => e)) as Error
    expect(error).toMatchObject({ code: 'UNSUPPORTED_ENCODING', message: expect.stringContaining('UTF-16') })
    expect(error.message).not.toMatch(/regist/i)
  })
})
