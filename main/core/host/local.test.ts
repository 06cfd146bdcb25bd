import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/temp'
import { fromFsError } from '../result'
import { LocalHost } from './local'

const host = new LocalHost()
const linux = process.platform === 'linux'
const asRoot = process.getuid?.() === 0

describe.runIf(linux)('LocalHost reads only regular files, bounded', () => {
  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = join(tempDir(), 'plexmediaserver.pid')
    execFileSync('mkfifo', [fifo])
    await expect(host.readFile(fifo, { maxBytes: 64 * 1024 })).rejects.toMatchObject({ code: 'SPECIAL_FILE', message: expect.stringContaining('named pipe (FIFO)') })
  }, 5000)

  it('refuses a device instead of reading it without end', async () => {
    await expect(host.readFile('/dev/zero')).rejects.toMatchObject({ code: 'SPECIAL_FILE', message: expect.stringContaining('/dev/zero is a character device') })
  }, 5000)

  it('names a folder as a folder', async () => {
    await expect(host.readFile(tempDir())).rejects.toMatchObject({ code: 'NOT_A_FILE' })
  })

  it('reads up to the cap and refuses one byte more, with the cap in the message', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'at'), Buffer.alloc(64 * 1024, 0x61))
    writeFileSync(join(dir, 'over'), Buffer.alloc(64 * 1024 + 1, 0x61))
    expect((await host.readFile(join(dir, 'at'), { maxBytes: 64 * 1024 })).length).toBe(64 * 1024)
    await expect(host.readFile(join(dir, 'over'), { maxBytes: 64 * 1024 })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('64 KB') })
  })

  it('reads a file whose size says 0 (/proc) to its end', async () => {
    expect((await host.readFile(`/proc/${process.pid}/stat`, { maxBytes: 64 * 1024 })).toString()).toContain(`${process.pid} (`)
  })

  it('refuses a link where none is expected, with its own words', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'real'), 'x')
    symlinkSync(join(dir, 'real'), join(dir, 'link'))
    expect((await host.readFile(join(dir, 'link'))).toString()).toBe('x')
    const error = await host.readFile(join(dir, 'link'), { noFollow: true }).catch((e: unknown) => e)
    expect(fromFsError(error, join(dir, 'link'), 'reading')).toMatchObject({ code: 'SYMLINK_REFUSED' })
  })
})

describe.runIf(linux)('LocalHost.mkdir', () => {
  it('creates missing folders 0700 and never changes an existing folder (a 1777 one stays 1777)', async () => {
    const shared = join(tempDir(), 'shared')
    mkdirSync(shared)
    chmodSync(shared, 0o1777)
    await host.mkdir(join(shared, 'a', 'b'), 0o700)
    expect(statSync(shared).mode & 0o7777).toBe(0o1777)
    expect(statSync(join(shared, 'a')).mode & 0o7777).toBe(0o700)
    expect(statSync(join(shared, 'a', 'b')).mode & 0o7777).toBe(0o700)
    await host.mkdir(shared, 0o700)
    expect(statSync(shared).mode & 0o7777).toBe(0o1777)
  })
})

describe('errno words', () => {
  it('gives ELOOP and EBUSY their own words', () => {
    expect(fromFsError(Object.assign(new Error(), { code: 'ELOOP' }), '/x', 'reading')).toMatchObject({ code: 'SYMLINK_REFUSED', message: expect.stringContaining('symbolic link') })
    expect(fromFsError(Object.assign(new Error(), { code: 'EBUSY' }), '/x', 'writing')).toMatchObject({ code: 'FILE_BUSY', message: expect.stringContaining('busy') })
  })

  it.runIf(linux && asRoot)('tells root that an immutable file is immutable, not to use sudo', async () => {
    const dir = tempDir()
    const file = join(dir, 'Preferences.xml')
    writeFileSync(file, '<Preferences/>')
    execFileSync('chattr', ['+i', file])
    try {
      const error = await host.writeFileAtomic(file, Buffer.from('<Preferences A="1"/>')).catch((e: unknown) => e)
      const mapped = fromFsError(error, file, 'writing')
      expect(mapped).toMatchObject({ code: 'NOT_PERMITTED', message: expect.stringContaining('chattr -i') })
      expect(mapped.message).not.toMatch(/sudo/)
    } finally {
      execFileSync('chattr', ['-i', file])
    }
  })
})
