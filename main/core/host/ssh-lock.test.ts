import { chmodSync, readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs helper shared with the Playwright specs
import { sshdAvailable, startSshd, sudoAvailable } from '../../../scripts/test-sshd.mjs'
import { engineContext } from '../../../test/support/engine'
import { SIGNED_IN, SIGNED_OUT, layOut, tempDir } from '../../../test/support/temp'
import { runReset } from '../engine/index'
import { XmlFileStore } from '../stores/xml-file'
import { LocalHost } from './local'
import { KnownHosts, SshHost, type SudoChoice } from './ssh'

interface Sshd {
  port: number
  key: string
  fingerprint: string
  users?: { nopasswd: string; password: string; notInSudoers: string; noSudo: string }
  sudoPassword?: string
  stop(): void
}

const connect = (sshd: Sshd, user = 'root', sudo: SudoChoice | null = null): Promise<SshHost> =>
  SshHost.connect({ user, host: '127.0.0.1', port: sshd.port }, { privateKey: readFileSync(sshd.key) }, new KnownHosts(new LocalHost(), join(tempDir(), 'known.json')), sshd.fingerprint, { sudo })

/** One exchange, whatever it is: the lock work rides on it. */
const exchange = (host: SshHost): Promise<unknown> => host.lstat('/')

describe.skipIf(!(sshdAvailable as () => boolean)())('the settings lock on a server over SSH (a real OpenSSH server on loopback)', () => {
  let sshd: Sshd
  let root: string
  let file: string
  beforeAll(async () => {
    sshd = (await startSshd({ PATH: '/usr/bin:/bin' }, { users: (sudoAvailable as () => boolean)() })) as Sshd
    root = tempDir('plex-ssh-lock')
    chmodSync(root, 0o755)
    layOut(root, { 'data/Preferences.xml': SIGNED_IN })
    file = join(root, 'data', 'Preferences.xml')
    symlinkSync(file, join(root, 'link.xml'))
  }, 30_000)
  afterAll(() => sshd?.stop())

  it('a second connection (another computer) is refused while the first holds the file, even by another path to it; let go, it may', async () => {
    const a = await connect(sshd)
    const b = await connect(sshd)
    try {
      a.settingsLock.take(file, '20261204-000000-00000a')
      await exchange(a)
      b.settingsLock.take(join(root, 'link.xml'), '20261204-000000-00000b')
      await expect(exchange(b)).rejects.toMatchObject({ code: 'RUN_IN_PROGRESS', message: expect.stringContaining('Another run (20261204-000000-00000a) is already working on') })
      b.settingsLock.drop(join(root, 'link.xml'), '20261204-000000-00000b')
      a.settingsLock.drop(file, '20261204-000000-00000a')
      await exchange(a)
      b.settingsLock.take(file, '20261204-000000-00000b')
      await exchange(b)
      a.settingsLock.take(file, '20261204-000000-00000c')
      await expect(exchange(a)).rejects.toMatchObject({ code: 'RUN_IN_PROGRESS' })
    } finally {
      a.close()
      b.close()
    }
  }, 30_000)

  it('a connection that ends lets go of its lock by itself', async () => {
    const a = await connect(sshd)
    a.settingsLock.take(file, '20261204-000000-0000aa')
    await exchange(a)
    a.close()
    const b = await connect(sshd)
    try {
      // The server's sshd ends the session's process shortly after the client leaves.
      let last: unknown = null
      for (let i = 0; i < 100; i++) {
        b.settingsLock.take(file, '20261204-000000-0000bb')
        last = await exchange(b).then(() => null, (e: unknown) => e)
        if (last === null) break
        await new Promise((r) => setTimeout(r, 50))
      }
      expect(last).toBeNull()
    } finally {
      b.close()
    }
  }, 30_000)

  it.runIf((sudoAvailable as () => boolean)())('another user through sudo is refused while root holds it, and a reset over SSH too', async () => {
    const a = await connect(sshd)
    const b = await connect(sshd, sshd.users!.nopasswd, {})
    try {
      a.settingsLock.take(file, '20261204-000000-0000a1')
      await exchange(a)
      b.settingsLock.take(file, '20261204-000000-0000b1')
      await expect(exchange(b)).rejects.toMatchObject({ code: 'RUN_IN_PROGRESS' })
      // A refusal stands for the rest of that run, even where a caller swallows one error.
      await expect(exchange(b)).rejects.toMatchObject({ code: 'RUN_IN_PROGRESS' })
      b.settingsLock.drop(file, '20261204-000000-0000b1')
      const store = new XmlFileStore(b, file, join(root, 'data'))
      await expect(runReset(engineContext(store, join(tempDir(), 'backups'), { host: b }))).rejects.toMatchObject({ code: 'RUN_IN_PROGRESS' })
      expect(readFileSync(file, 'utf8')).toBe(SIGNED_IN)
      a.settingsLock.drop(file, '20261204-000000-0000a1')
      await exchange(a)
      expect((await runReset(engineContext(store, join(tempDir(), 'backups'), { host: b }))).outcome).toBe('finished')
      expect(readFileSync(file, 'utf8')).toBe(SIGNED_OUT)
    } finally {
      a.close()
      b.close()
    }
  }, 60_000)
})
