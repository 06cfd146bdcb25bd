import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs helper shared with the Playwright specs
import { sshdAvailable, startSshd } from '../../../scripts/test-sshd.mjs'
import { tempDir } from '../../../test/support/temp'
import { LocalHost } from './local'
import { KnownHosts, SshHost } from './ssh'

describe.skipIf(!(sshdAvailable as () => boolean)())('SSH host', () => {
  it('runs many commands at once without exceeding the server\'s session limit (OpenSSH MaxSessions 10)', async () => {
    const sshd = (await startSshd({ PATH: '/usr/bin:/bin' })) as { port: number; key: string; fingerprint: string; stop(): void }
    const host = await SshHost.connect({ user: 'root', host: '127.0.0.1', port: sshd.port }, { privateKey: readFileSync(sshd.key) }, new KnownHosts(new LocalHost(), join(tempDir(), 'known.json')), sshd.fingerprint)
    try {
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => host.lstat(`/nonexistent/${i}`)))
      expect(results).toEqual(Array(40).fill(null))
    } finally {
      host.close()
      sshd.stop()
    }
  }, 30_000)
})
