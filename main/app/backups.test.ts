import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs helper shared with the e2e setup; typed where it is used
import { sshdAvailable, startSshd } from '../../scripts/test-sshd.mjs'
import { SIGNED_IN, SIGNED_OUT, layOut, tempDir } from '../../test/support/temp'
import { LocalHost } from '../core/host/local'
import { AppService, REAL_PLEX_TV } from './index'

function machine() {
  const root = tempDir()
  const data = 'var/lib/plexmediaserver/Library/Application Support/Plex Media Server'
  layOut(root, { 'usr/lib/plexmediaserver/': '', 'lib/systemd/system/plexmediaserver.service': '[Unit]\n', [`${data}/Preferences.xml`]: SIGNED_IN })
  return { root, file: join(root, data, 'Preferences.xml'), backups: join(root, 'backups') }
}

const copiesBeside = (file: string): string[] => readdirSync(dirname(file)).filter((n) => /^Preferences\.xml\.plex-reclaim-.+\.bak$/.test(n))

/** One function takes the verified backup: the wizard's Back up step and the CLI's reset get the same. */
describe.skipIf(!(sshdAvailable as () => boolean)())('the wizard and the CLI get the same backups over SSH', () => {
  it('the wizard\'s Back up step keeps the copy beside the server\'s file, and the reset that reuses it adds none', async () => {
    const m = machine()
    const sshd = (await startSshd({ PATH: '/usr/bin:/bin' })) as { port: number; key: string; fingerprint: string; stop(): void }
    const app = new AppService({ local: new LocalHost(), backupDir: m.backups, root: m.root, docker: false, port: 1, appVersion: 'test', plexTv: REAL_PLEX_TV })
    try {
      const remote = await app.connect({ user: 'root', host: '127.0.0.1', port: sshd.port }, { privateKey: readFileSync(sshd.key) }, { acceptFingerprint: sshd.fingerprint })
      const [k] = remote.status === 'connected' ? remote.installations : []
      const { manifest } = await app.backUp(k!)
      const copy = join(dirname(m.file), `Preferences.xml.plex-reclaim-${manifest.id}.bak`)
      expect(copiesBeside(m.file)).toEqual([`Preferences.xml.plex-reclaim-${manifest.id}.bak`])
      expect(readFileSync(copy, 'utf8')).toBe(SIGNED_IN)
      expect(statSync(copy).mode & 0o777).toBe(0o600)
      const result = await app.reset(k!, { mode: 'none', backupId: manifest.id })
      expect(result.journal.backupId).toBe(manifest.id)
      expect(readFileSync(m.file, 'utf8')).toBe(SIGNED_OUT)
      expect(copiesBeside(m.file)).toEqual([`Preferences.xml.plex-reclaim-${manifest.id}.bak`])
    } finally {
      app.dispose()
      sshd.stop()
    }
  }, 30_000)
})
