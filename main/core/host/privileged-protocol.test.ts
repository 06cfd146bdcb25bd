import { describe, expect, it } from 'vitest'
import { inScope, handlePrivileged, type Scope } from './privileged-helper'
import { FRAME_MAX, FrameReader, encodeFrame, replySchema, requestSchema, type Reply, type Request } from './privileged-protocol'

/** The helper's frames and its own scope, without a helper process (the real ones: privileged-race and the real pkexec test). */
describe('frames', () => {
  it('reads frames split anywhere and checks each against the schema', () => {
    const got: Request[] = []
    const reader = new FrameReader(requestSchema, (r) => got.push(r))
    const bytes = Buffer.concat([encodeFrame({ id: 1, op: 'stat', path: '/a' }), encodeFrame({ id: 2, op: 'rename', path: '/a/b', to: '/a/c' })])
    for (let i = 0; i < bytes.length; i += 3) expect(reader.push(bytes.subarray(i, i + 3))).toBeNull()
    expect(got).toEqual([{ id: 1, op: 'stat', path: '/a' }, { id: 2, op: 'rename', path: '/a/b', to: '/a/c' }])
    expect(reader.pending).toBe(false)
  })

  it.each([
    ['an unknown operation', { id: 1, op: 'chmod', path: '/a' }],
    ['an unknown field', { id: 1, op: 'stat', path: '/a', follow: true }],
    ['a relative path', { id: 1, op: 'stat', path: 'a/b' }],
    ['a program with arguments past the cap', { id: 1, op: 'exec', program: 'systemctl', args: Array(33).fill('x') }]
  ])('refuses %s, and stays refused', (_what, value) => {
    const got: Request[] = []
    const reader = new FrameReader(requestSchema, (r) => got.push(r))
    expect(reader.push(encodeFrame(value))).toMatch(/^a frame that is not a known message/)
    expect(reader.push(encodeFrame({ id: 2, op: 'stat', path: '/a' }))).toMatch(/^a frame that is not a known message/)
    expect(got).toEqual([])
  })

  it('refuses a length over the cap before reading it, and a body that is not JSON', () => {
    const head = Buffer.alloc(4)
    head.writeUInt32BE(FRAME_MAX + 1)
    expect(new FrameReader(replySchema, () => undefined).push(head)).toBe(`a frame of ${FRAME_MAX + 1} bytes, more than ${FRAME_MAX}`)
    const junk = Buffer.from('xxxxHELLO')
    junk.writeUInt32BE(5)
    expect(new FrameReader<Reply>(replySchema, () => undefined).push(junk)).toBe('a frame that is not JSON')
  })
})

describe("the helper's scope: the data folders it found, the stop and start of their units", () => {
  const scope: Scope = { roots: ['/var/lib/plexmediaserver/Library/Application Support/Plex Media Server'], commands: [{ program: 'systemctl', args: ['stop', 'plexmediaserver'] }] }
  it.each([
    ['/var/lib/plexmediaserver/Library/Application Support/Plex Media Server/Preferences.xml', true],
    ['/var/lib/plexmediaserver/Library/Application Support/Plex Media Server', true],
    ['/var/lib/plexmediaserver/Library/Application Support/Plex Media Server/../../../../../etc/shadow', false],
    ['/var/lib/plexmediaserver/Library/Application Support/Plex Media Server//Preferences.xml', false],
    ['/var/lib/plexmediaserver/Library/Application Support/Plex Media Server2/x', false],
    ['/etc/shadow', false]
  ])('%s: %s', (path, inside) => expect(inScope(scope, path)).toBe(inside))

  it('refuses a path or a command outside it, before touching anything', async () => {
    await expect(handlePrivileged(scope, { id: 1, op: 'readFile', path: '/etc/shadow' })).rejects.toMatchObject({ code: 'NOT_PERMITTED' })
    await expect(handlePrivileged(scope, { id: 1, op: 'rename', path: `${scope.roots[0]}/Preferences.xml`, to: '/etc/passwd' })).rejects.toMatchObject({ code: 'NOT_PERMITTED', message: expect.stringContaining('/etc/passwd is outside') })
    await expect(handlePrivileged(scope, { id: 1, op: 'exec', program: 'systemctl', args: ['stop', 'ssh'] })).rejects.toMatchObject({ code: 'NOT_PERMITTED' })
    await expect(handlePrivileged(scope, { id: 1, op: 'exec', program: 'systemctl', args: ['stop', 'plexmediaserver', '--no-block'] })).rejects.toMatchObject({ code: 'NOT_PERMITTED' })
  })
})

describe('the privileged host over real frames, its helper in this process', () => {
  it('reads, stats, lists and writes through the helper exactly as LocalHost does', async () => {
    const { mkdtempSync, readFileSync, statSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { privilegedInProcess } = await import('../../../test/support/privileged-in-process')
    const dir = mkdtempSync(join(tmpdir(), 'privileged-'))
    writeFileSync(join(dir, 'Preferences.xml'), '<Preferences/>\n', { mode: 0o640 })
    const { host, dispose } = privilegedInProcess({ roots: [dir], commands: [] })
    try {
      expect((await host.readFile(join(dir, 'Preferences.xml'))).toString()).toBe('<Preferences/>\n')
      expect(await host.stat(join(dir, 'Preferences.xml'))).toMatchObject({ isFile: true, size: 15, mode: 0o640 })
      expect(await host.lstat(join(dir, 'missing'))).toBeNull()
      await expect(host.readFile(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' })
      await host.writeFileAtomic(join(dir, 'Preferences.xml'), Buffer.from('<Preferences a="1"/>\n'), { mode: 0o640 })
      expect(readFileSync(join(dir, 'Preferences.xml'), 'utf8')).toBe('<Preferences a="1"/>\n')
      expect(statSync(join(dir, 'Preferences.xml')).mode & 0o777).toBe(0o640)
      expect(await host.readdir(dir)).toEqual(['Preferences.xml'])
      await expect(host.readFile('/etc/passwd')).resolves.toBeInstanceOf(Buffer) // outside the roots: read here, as this user
      // A large file crosses in one frame, byte for byte.
      const big = Buffer.alloc(20 * 1024 * 1024, 'x')
      writeFileSync(join(dir, 'big'), big)
      expect((await host.readFile(join(dir, 'big'), { maxBytes: 32 * 1024 * 1024 })).equals(big)).toBe(true)
      expect(host.started).toBe(true)
    } finally {
      dispose()
    }
  })
})
