import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Host } from './types'

/** A host to test, and how to let it go. The privileged helper joins with a factory of its own. */
export interface HostUnderTest {
  readonly host: Host
  dispose(): void | Promise<void>
}

export interface ConformanceOptions {
  /**
   * The host acts as a user other than root, so a folder can be unreadable to it (root reads
   * every folder). Each host is run both ways where it can be: the cases differ only there.
   */
  readonly unprivileged: boolean
}

/**
 * The Host contract, one suite for every host (LocalHost, SshHost over a real sshd, and the
 * privileged helper): the same fixtures, the same answers. Fixtures are laid out on this machine,
 * which every host under test reaches (SSH on loopback).
 *
 * The contract for folders: readdir of a missing folder is [] (nothing is there); a folder that
 * cannot be read is an error with code EACCES, never [] (nothing seen is not nothing there).
 * Whoever lists may decide that an unreadable folder holds nothing for them (detection does).
 */
export function hostConformance(name: string, open: () => Promise<HostUnderTest>, options: ConformanceOptions): void {
  describe(`the Host contract: ${name}`, () => {
    let under: HostUnderTest
    let host: Host
    let dir: string
    const at = (p: string): string => join(dir, p)

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'host-contract-'))
      chmodSync(dir, 0o755)
      writeFileSync(at('file'), 'bytes\n', { mode: 0o644 })
      writeFileSync(at('large'), Buffer.alloc(5000, 'x'), { mode: 0o644 })
      symlinkSync(at('file'), at('link'))
      expect(spawnSync('mkfifo', ['-m', '0644', at('fifo')]).status).toBe(0)
      mkdirSync(at('folder'), { mode: 0o755 })
      writeFileSync(at('folder/b'), '')
      writeFileSync(at('folder/a'), '')
      mkdirSync(at('closed'), { mode: 0o700 })
      writeFileSync(at('closed/secret'), '')
      // Root writes only where no other user could swap an entry (the owner rule over SSH: a
      // root-owned folder others may write is refused); another user gets a folder open to all.
      mkdirSync(at('writable'), { mode: 0o755 })
      chmodSync(at('writable'), options.unprivileged ? 0o777 : 0o755)
      under = await open()
      host = under.host
    }, 30_000)
    afterAll(async () => {
      await under?.dispose()
    })

    it('reads a regular file exactly; a missing one is ENOENT', async () => {
      expect((await host.readFile(at('file'))).toString()).toBe('bytes\n')
      await expect(host.readFile(at('missing'))).rejects.toMatchObject({ code: 'ENOENT' })
    })

    it('follows a link by default; with noFollow a link is refused (ELOOP)', async () => {
      expect((await host.readFile(at('link'))).toString()).toBe('bytes\n')
      await expect(host.readFile(at('link'), { noFollow: true })).rejects.toMatchObject({ code: 'ELOOP' })
      expect((await host.readFile(at('file'), { noFollow: true })).toString()).toBe('bytes\n')
    })

    it('refuses a file over the cap (FILE_TOO_LARGE), a FIFO (SPECIAL_FILE, without blocking) and a folder (NOT_A_FILE)', async () => {
      await expect(host.readFile(at('large'), { maxBytes: 4096 })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' })
      expect((await host.readFile(at('large'), { maxBytes: 5000 })).length).toBe(5000)
      await expect(host.readFile(at('fifo'))).rejects.toMatchObject({ code: 'SPECIAL_FILE' })
      await expect(host.readFile(at('folder'))).rejects.toMatchObject({ code: 'NOT_A_FILE' })
    })

    it('lstat sees a link, stat follows it, a missing path is null', async () => {
      expect(await host.lstat(at('link'))).toMatchObject({ isSymbolicLink: true, isFile: false })
      expect(await host.stat(at('link'))).toMatchObject({ isSymbolicLink: false, isFile: true, size: 6, mode: 0o644 })
      expect(await host.stat(at('folder'))).toMatchObject({ isDirectory: true })
      expect(await host.lstat(at('missing'))).toBeNull()
      expect(await host.stat(at('missing'))).toBeNull()
      expect(await host.realpath(at('link'))).toBe(at('file'))
    })

    it('readdir: the names of a folder; a missing folder is []', async () => {
      expect((await host.readdir(at('folder'))).sort()).toEqual(['a', 'b'])
      expect(await host.readdir(at('missing'))).toEqual([])
    })

    if (options.unprivileged) {
      it('readdir of a folder this user may not read is EACCES, never []', async () => {
        await expect(host.readdir(at('closed'))).rejects.toMatchObject({ code: 'EACCES' })
      })
    } else {
      it('readdir as root reads every folder', async () => {
        expect(await host.readdir(at('closed'))).toEqual(['secret'])
      })
    }

    it('writeNewFile creates with the mode and never replaces an existing file or a link', async () => {
      const path = at(`writable/new-${options.unprivileged ? 'u' : 'r'}`)
      await host.writeNewFile(path, Buffer.from('one'), 0o600)
      expect(readFileSync(path, 'utf8')).toBe('one')
      expect(statSync(path).mode & 0o777).toBe(0o600)
      await expect(host.writeNewFile(path, Buffer.from('two'), 0o600)).rejects.toMatchObject({ code: 'EEXIST' })
      const link = at(`writable/link-${options.unprivileged ? 'u' : 'r'}`)
      symlinkSync(at(`writable/target-${options.unprivileged ? 'u' : 'r'}`), link)
      await expect(host.writeNewFile(link, Buffer.from('two'), 0o600)).rejects.toMatchObject({ code: 'EEXIST' })
      expect(readFileSync(path, 'utf8')).toBe('one')
    })

    it('writeFileAtomic replaces the bytes exactly with the mode asked', async () => {
      const path = at(`writable/atomic-${options.unprivileged ? 'u' : 'r'}`)
      await host.writeFileAtomic(path, Buffer.from('first'), { mode: 0o640 })
      await host.writeFileAtomic(path, Buffer.from('second'), { mode: 0o640 })
      expect(readFileSync(path, 'utf8')).toBe('second')
      expect(statSync(path).mode & 0o777).toBe(0o640)
    })

    it('processAlive: a live process yes, an unused pid no', async () => {
      expect(await host.processAlive(1)).toBe(true)
      expect(await host.processAlive(999_999_999)).toBe(false)
    })

    it('exec: exit code and output with an argument array; a missing program is notFound', async () => {
      const r = await host.exec('printf', ['%s|', 'a b', '$HOME'])
      expect(r).toMatchObject({ exitCode: 0, stdout: 'a b|$HOME|', notFound: false })
      expect((await host.exec('plex-reclaim-no-such-program', [])).notFound).toBe(true)
    })
  })
}
