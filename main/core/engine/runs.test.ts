import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { engineContext } from '../../../test/support/engine'
import { SIGNED_IN, SIGNED_OUT, layOut, tempDir } from '../../../test/support/temp'
import { LocalHost } from '../host/local'
import { XmlFileStore } from '../stores/xml-file'
import type { StepEvent } from './context'
import { rollbackRun, runReset } from './index'
import { JournalStore, runsDirOf } from './journal'
import { RunRegistry } from './registry'
import { until } from '../../../test/support/until'

function stoppedServer() {
  const root = tempDir()
  layOut(root, { 'data/Preferences.xml': SIGNED_IN })
  const file = join(root, 'data', 'Preferences.xml')
  return { root, file, backups: join(root, 'backups'), store: new XmlFileStore(new LocalHost(), file, join(root, 'data')) }
}

describe('one engine, one run registry', () => {
  it('reset --no-service is a journaled run under the lock, with a log', async () => {
    const s = stoppedServer()
    const result = await runReset(engineContext(s.store, s.backups))
    expect(result.outcome).toBe('finished')
    expect(readFileSync(s.file, 'utf8')).toBe(SIGNED_OUT)
    const journal = (await new JournalStore(runsDirOf(s.backups), new LocalHost()).read(result.runId)).journal!
    expect(journal).toMatchObject({ format: 2, kind: 'reset', mode: 'none', host: { kind: 'local' }, outcome: 'finished' })
    expect(journal.completed).toEqual(['preflight', 'backup', 'verify-backup', 'stop', 'verify-stopped', 'remove', 'verify-store', 'start', 'verify-unclaimed'])
    expect(journal.expectedSha256).toMatch(/^[0-9a-f]{64}$/)
    expect(existsSync(result.logPath)).toBe(true)
    expect(existsSync(join(runsDirOf(s.backups), 'pms-00000000000a.lock'))).toBe(false)
  })

  it('two runs in one process are serialised: the second is refused while the first holds the server', async () => {
    const s = stoppedServer()
    let second: Promise<unknown> | null = null
    const boundary = (point: string): void => {
      if (point === 'after:backup') second = runReset(engineContext(s.store, s.backups)).then(() => 'ran', (e: unknown) => e)
    }
    await runReset(engineContext(s.store, s.backups, { boundary }))
    expect(await second).toMatchObject({ code: 'RUN_IN_PROGRESS', message: expect.stringContaining('in this window') })
    expect(readFileSync(s.file, 'utf8')).toBe(SIGNED_OUT)
  })

  it('a live run is reported as running, never as cut off', async () => {
    const s = stoppedServer()
    let seen = ''
    const registry = new RunRegistry(new LocalHost(), s.backups)
    const boundary = (point: string): void => {
      if (point === 'after:remove') seen = 'pending'
    }
    const onStep = (e: StepEvent): void => {
      if (e.step === 'verify-store' && e.status === 'running') void registry.get(e.runId).then((r) => (seen = r.status))
    }
    await runReset(engineContext(s.store, s.backups, { boundary, onStep }))
    await until('the run to be seen', () => seen !== '' && seen !== 'pending')
    expect(seen).toBe('running')
  })

  it('the journal records a step as started before its work, and the failed step is the one that was running', async () => {
    const s = stoppedServer()
    const host = new LocalHost()
    const events: StepEvent[] = []
    const store = new XmlFileStore(host, s.file, join(s.root, 'data'))
    store.removeSignIn = async () => {
      const journal = (await new JournalStore(runsDirOf(s.backups), host).list())[0]!.journal!
      expect(journal.current).toBe('remove')
      throw Object.assign(new Error('no space'), { code: 'ENOSPC' })
    }
    await expect(runReset(engineContext(store, s.backups, { onStep: (e) => void events.push(e) }))).rejects.toMatchObject({ code: 'DISK_FULL', message: expect.stringMatching(/^The disk is full/) })
    const failed = events.filter((e) => e.status === 'failed')
    expect(failed.map((e) => e.step)).toEqual(['remove'])
    expect(failed[0]!.message).toMatch(/its settings are unchanged\. Backup \S+ \(in .+\) holds the settings as they were\./)
    expect(events.filter((e) => e.status === 'running').map((e) => e.step).at(-1)).toBe('remove')
  })

  it('a journal that cannot be saved after the stop still leaves a message that says where things stand', async () => {
    const s = stoppedServer()
    const host = new LocalHost()
    const real = host.writeFileAtomic.bind(host)
    let broken = false
    host.writeFileAtomic = async (path, data, options) => {
      if (broken && path.endsWith('.journal.json')) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })
      return real(path, data, options)
    }
    const boundary = (point: string): void => void (point === 'after:verify-stopped' && (broken = true))
    const error = await runReset(engineContext(new XmlFileStore(host, s.file, join(s.root, 'data')), s.backups, { localHost: host, boundary })).catch((e: Error) => e)
    expect(error).toMatchObject({ message: expect.stringMatching(/Plex Reclaim did not stop or start Plex Media Server \(you do that yourself\); its settings are unchanged\..*[Tt]he run's journal could not be saved/) })
    expect(readFileSync(s.file, 'utf8')).toBe(SIGNED_IN)
  })

  it('the journal records what names the server in the wizard\'s language; an unknown or oversized detail makes it unreadable', async () => {
    const s = stoppedServer()
    const base = engineContext(s.store, s.backups)
    const result = await runReset({ ...base, installation: { ...base.installation, labelDetail: { kind: 'macos-user', user: 'kate' } } })
    const journals = new JournalStore(runsDirOf(s.backups), new LocalHost())
    const journal = (await journals.read(result.runId)).journal!
    expect(journal).toMatchObject({ installType: 'linux-package', labelDetail: { kind: 'macos-user', user: 'kate' } })
    const { installType: _t, labelDetail: _d, ...older } = journal
    const path = join(runsDirOf(s.backups), `${result.runId}.journal.json`)
    writeFileSync(path, JSON.stringify(older))
    expect((await journals.read(result.runId)).journal).toMatchObject({ runId: result.runId })
    for (const labelDetail of [{ kind: 'docker', image: 'x'.repeat(10_000), container: 'c' }, { kind: 'script', path: '/tmp/evil.sh' }, { kind: 'type', extra: 1 }]) {
      writeFileSync(path, JSON.stringify({ ...journal, labelDetail }))
      expect((await journals.read(result.runId)).journal).toBeNull()
    }
  })

  it('an unreadable journal is listed as unreadable, never dropped; a planted one cannot name a path', async () => {
    const s = stoppedServer()
    const dir = runsDirOf(s.backups)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, '20261128-000000-000000.journal.json'), '{ not json')
    const planted = { format: 2, runId: '20261128-000000-000001', kind: 'reset', mode: 'service', host: { kind: 'local' }, installationId: '../../../../tmp/x', label: 'x', source: { kind: 'detected' }, store: { kind: 'preferences-xml', path: '/etc/shadow', dataDir: '/etc' }, createdAt: '2026-11-28T00:00:00Z', updatedAt: '2026-11-28T00:00:00Z', completed: [] }
    writeFileSync(join(dir, '20261128-000000-000001.journal.json'), JSON.stringify(planted))
    const all = await new RunRegistry(new LocalHost(), s.backups).list()
    expect(all.map((r) => [r.runId, r.status])).toEqual([
      ['20261128-000000-000001', 'unreadable'],
      ['20261128-000000-000000', 'unreadable']
    ])
  })

  it('rollback of a cut-off --no-service run puts back the original bytes', async () => {
    const s = stoppedServer()
    await runReset(engineContext(s.store, s.backups, { boundary: (p) => { if (p === 'after:remove') throw new Error('crash') } })).catch(() => undefined)
    const journals = new JournalStore(runsDirOf(s.backups), new LocalHost())
    const entry = (await journals.list())[0]!
    expect(entry.problem).toBeUndefined()
    const { outcome: _o, error: _e, ...journal } = entry.journal!
    await journals.write(journal)
    const result = await rollbackRun(engineContext(s.store, s.backups), { ...journal, updatedAt: journal.createdAt })
    expect(result.outcome).toBe('rolled-back')
    expect(readFileSync(s.file, 'utf8')).toBe(SIGNED_IN)
  })
})
