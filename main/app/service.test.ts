import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs helper shared with the e2e setup; typed where it is used
import { sshdAvailable, startSshd } from '../../scripts/test-sshd.mjs'
import { SIGNED_IN, SIGNED_OUT, layOut, tempDir } from '../../test/support/temp'
import { LocalHost } from '../core/host/local'
import { AppService, REAL_PLEX_TV, type AppEnvironment } from './index'

function machine() {
  const root = tempDir()
  const data = 'var/lib/plexmediaserver/Library/Application Support/Plex Media Server'
  layOut(root, { 'usr/lib/plexmediaserver/': '', 'lib/systemd/system/plexmediaserver.service': '[Unit]\n', [`${data}/Preferences.xml`]: SIGNED_IN })
  return { root, file: join(root, data, 'Preferences.xml'), backups: join(root, 'backups') }
}

const service = (m: { root: string; backups: string }, extra: Partial<AppEnvironment> = {}) =>
  new AppService({ local: new LocalHost(), backupDir: m.backups, root: m.root, docker: false, port: 1, appVersion: 'test', plexTv: REAL_PLEX_TV, ...extra })

const FINGERPRINT = `SHA256:${'A'.repeat(43)}`

describe('every id, journal and backup knows its host', () => {
  it.skipIf(!(sshdAvailable as () => boolean)())('the same path on this computer and over SSH are two installations', async () => {
    const m = machine()
    const sshd = (await startSshd({ PATH: '/usr/bin:/bin' })) as { port: number; key: string; fingerprint: string; stop(): void }
    const app = service(m)
    try {
      const [local] = await app.detect()
      const remote = await app.connect({ user: 'root', host: '127.0.0.1', port: sshd.port }, { privateKey: readFileSync(sshd.key) }, { acceptFingerprint: sshd.fingerprint })
      expect(remote.status).toBe('connected')
      const [far] = remote.status === 'connected' ? remote.installations : []
      expect(far!.installation.store).toEqual(local!.installation.store)
      expect(far!.installation.id).not.toBe(local!.installation.id)
      expect(far!.installation.host).toMatchObject({ kind: 'ssh', host: '127.0.0.1', port: sshd.port, user: 'root', fingerprint: sshd.fingerprint })
      // Both stay known side by side: neither overwrites the other.
      expect(app.installations.get(local!.installation.id).entry.host.kind).toBe('local')
      expect(app.installations.get(far!.installation.id).entry.host.kind).toBe('ssh')
    } finally {
      app.dispose()
      sshd.stop()
    }
  }, 30_000)

  it('a cut-off run of a server over SSH is never resumed against this computer', async () => {
    const m = machine()
    const app = service(m)
    const [local] = await app.detect()
    // The same path, but the journal says it belongs to a NAS reached over SSH.
    const dir = join(m.backups, 'runs')
    mkdirSync(dir, { recursive: true })
    const journal = { format: 2, runId: '20261128-000000-00000a', kind: 'reset', mode: 'service', host: { kind: 'ssh', host: 'nas.local', port: 22, user: 'admin', fingerprint: FINGERPRINT }, installationId: local!.installation.id, label: 'NAS', source: { kind: 'detected' }, store: local!.installation.store, createdAt: '2026-11-28T00:00:00.000Z', updatedAt: '2026-11-28T00:00:00.000Z', completed: ['preflight', 'backup', 'verify-backup', 'stop'] }
    writeFileSync(join(dir, `${journal.runId}.journal.json`), JSON.stringify(journal))
    await expect(app.runs.resume(journal.runId)).rejects.toMatchObject({ code: 'HOST_NOT_CONNECTED', message: expect.stringContaining('admin@nas.local') })
    await expect(app.runs.rollback(journal.runId)).rejects.toMatchObject({ code: 'HOST_NOT_CONNECTED' })
    expect(readFileSync(m.file, 'utf8')).toBe(SIGNED_IN)
  })

  it('a cut-off run recorded under an older id of the same file (the install type was once part of it) is still finished', async () => {
    const m = machine()
    const app = service(m)
    const [local] = await app.detect()
    const dir = join(m.backups, 'runs')
    mkdirSync(dir, { recursive: true })
    // Cut off before its backup, with --no-service: nothing to put back, nothing to start.
    const journal = { format: 2, runId: '20261128-000000-00000b', kind: 'reset', mode: 'none', host: { kind: 'local' }, installationId: 'pms-ffffffffffff', label: 'Old id', source: { kind: 'detected' }, store: local!.installation.store, createdAt: '2026-11-28T00:00:00.000Z', updatedAt: '2026-11-28T00:00:00.000Z', completed: ['preflight'] }
    writeFileSync(join(dir, `${journal.runId}.journal.json`), JSON.stringify(journal))
    expect((await app.rollback(journal.runId)).outcome).toBe('rolled-back')
    expect(readFileSync(m.file, 'utf8')).toBe(SIGNED_IN)
  })

  it("a NAS backup is not restored onto this computer's server at the same path", async () => {
    const m = machine()
    const app = service(m)
    const [local] = await app.detect()
    await app.reset(local!, { mode: 'none' })
    const [manifest] = await app.listBackups()
    const dir = join(m.backups, manifest!.id)
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, host: { kind: 'ssh', host: 'nas.local', port: 22, user: 'admin', fingerprint: FINGERPRINT } }))
    await expect(app.restore(manifest!.id, { mode: 'none' })).rejects.toMatchObject({ code: 'HOST_NOT_CONNECTED' })
    expect(readFileSync(m.file, 'utf8')).toBe(SIGNED_OUT)
  })

  it('a planted manifest cannot make restore write somewhere the tool would not detect', async () => {
    const m = machine()
    const app = service(m)
    const [local] = await app.detect()
    await app.reset(local!, { mode: 'none' })
    const [manifest] = await app.listBackups()
    const victim = join(tempDir(), 'etc')
    mkdirSync(victim)
    writeFileSync(join(victim, 'Preferences.xml'), 'root:x:0:0\n')
    const planted = { ...manifest, target: { kind: 'preferences-xml', path: join(victim, 'Preferences.xml'), dataDir: victim } }
    writeFileSync(join(m.backups, manifest!.id, 'manifest.json'), JSON.stringify(planted))
    await expect(app.restore(manifest!.id, { mode: 'none' })).rejects.toMatchObject({ code: 'RESTORE_TARGET_REFUSED' })
    expect(readFileSync(join(victim, 'Preferences.xml'), 'utf8')).toBe('root:x:0:0\n')
    const traversal = { ...manifest, target: { kind: 'preferences-xml', path: `${victim}/../etc/Preferences.xml`, dataDir: `${victim}/..` } }
    writeFileSync(join(m.backups, manifest!.id, 'manifest.json'), JSON.stringify(traversal))
    await expect(app.restore(manifest!.id, { mode: 'none' })).rejects.toMatchObject({ code: 'RESTORE_TARGET_REFUSED' })
  })

  it('a planted journal cannot choose the program resume runs: control comes from detection', async () => {
    const m = machine()
    const app = service(m)
    const [local] = await app.detect()
    const dir = join(m.backups, 'runs')
    mkdirSync(dir, { recursive: true })
    const marker = join(tempDir(), 'ran')
    const evil = join(tempDir(), 'evil.sh')
    writeFileSync(evil, `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 })
    const journal = { format: 2, runId: '20261128-000000-00000b', kind: 'reset', mode: 'service', host: { kind: 'local' }, installationId: local!.installation.id, label: 'x', source: { kind: 'detected' }, store: local!.installation.store, server: { control: { kind: 'qnap-init', script: evil } }, createdAt: '2026-11-28T00:00:00.000Z', updatedAt: '2026-11-28T00:00:00.000Z', completed: [] }
    writeFileSync(join(dir, `${journal.runId}.journal.json`), JSON.stringify(journal))
    // A journal with fields the tool never writes is not one of its own: listed as unreadable, never run.
    expect((await app.runs.list()).find((r) => r.runId === journal.runId)).toMatchObject({ status: 'unreadable' })
    await expect(app.runs.resume(journal.runId)).rejects.toMatchObject({ code: 'RUN_UNREADABLE' })
    const { existsSync } = await import('node:fs')
    expect(existsSync(marker)).toBe(false)
  })
})
