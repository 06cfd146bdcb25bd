import { spawn } from 'node:child_process'
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../cli/run'
import { testHooks } from '../../../test/support/cli-hooks'
import { BackupStore } from '../backups/store'
import { LocalHost } from '../host/local'
import { readIdentity } from '../server/identity'
import { XmlFileStore } from '../stores/xml-file'
import { linuxServer, type LinuxServer } from '../../../test/support/linux-server'
import { SIGNED_IN, SIGNED_OUT, tempDir } from '../../../test/support/temp'
import type { RunContext } from './context'
import { rollbackRun, runReset, runRestore } from './index'
import { JournalStore, runsDirOf } from './journal'
import { RunLock } from './lock'
import { RunRegistry } from './registry'
import { serverAnswers } from '../../../test/support/until'

let m: LinuxServer | undefined
afterEach(async () => {
  await m?.dispose()
  m = undefined
})

async function running(): Promise<LinuxServer> {
  m = await linuxServer({ startDelayMs: 20, stopDelayMs: 20 })
  m.systemctl('start', 'plexmediaserver')
  await serverAnswers(m.port)
  return m
}

const ID = 'pms-0000000000aa'

function context(s: LinuxServer, host = new LocalHost(), extra: Partial<RunContext> = {}): RunContext {
  return {
    host,
    localHost: new LocalHost(),
    store: new XmlFileStore(host, s.preferences, s.dataDir),
    backupDir: s.backups,
    server: { control: { kind: 'systemd', unit: 'plexmediaserver' }, pidFile: join(s.dataDir, 'plexmediaserver.pid'), port: s.port },
    mode: 'service',
    installation: { id: ID, label: 'Test server', platform: 'linux', installType: 'linux-package', source: { kind: 'detected' } },
    appVersion: 'test',
    control: { timeoutMs: 10_000 },
    plexTvUrl: s.plexTv.url,
    ...extra
  }
}

/** Takes a run out of "failed" to model a kill: the journal then says where it stood. */
async function asCutOff(s: LinuxServer): Promise<void> {
  const journals = new JournalStore(runsDirOf(s.backups), new LocalHost())
  const journal = (await journals.list())[0]!.journal!
  const { outcome: _o, error: _e, ...rest } = journal
  await journals.write(rest)
}

describe('the reset transaction', () => {
  it('journals every step, logs them without the token, and ends finished', async () => {
    const s = await running()
    const events: string[] = []
    const result = await runReset(context(s, undefined, { onStep: (e) => void events.push(`${e.step}:${e.status}`) }))
    expect(result.outcome).toBe('finished')
    expect(result.journal.completed).toEqual(['preflight', 'backup', 'verify-backup', 'stop', 'verify-stopped', 'remove', 'verify-store', 'start', 'verify-unclaimed'])
    expect(events.filter((e) => e.endsWith(':done'))).toHaveLength(9)
    const log = readFileSync(result.logPath, 'utf8')
    expect(log).toMatch(/systemctl stop plexmediaserver: exit 0/)
    expect(log).toMatch(/preflight clock: ok/)
    expect(log).not.toContain('SECRETtoken')
    expect(readFileSync(s.preferences, 'utf8')).toBe(SIGNED_OUT)
  }, 20_000)

  it('a full disk during the write: the original stays, the server is started again, and it says so', async () => {
    const s = await running()
    const host = new LocalHost()
    const real = host.writeFileAtomic.bind(host)
    host.writeFileAtomic = async (path, data, options) => {
      if (path === s.preferences) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })
      return real(path, data, options)
    }
    await expect(runReset(context(s, host))).rejects.toMatchObject({ code: 'DISK_FULL', message: expect.stringMatching(/disk is full.* Plex Media Server was started again; its settings are unchanged\. Backup \S+ \(in \S+\) holds the settings as they were\./) })
    expect(readFileSync(s.preferences, 'utf8')).toBe(SIGNED_IN)
    expect(await readIdentity(s.port)).toMatchObject({ claimed: true })
  }, 20_000)

  it('a read-only store is refused at preflight, before the server is stopped', async () => {
    const s = await running()
    const host = new LocalHost()
    host.canWrite = async (path) => !path.startsWith(s.dataDir)
    await expect(runReset(context(s, host))).rejects.toMatchObject({ code: 'PREFLIGHT_FAILED', message: expect.stringMatching(/^Nothing was changed: .*cannot be written by this user/) })
    expect(readFileSync(s.preferences, 'utf8')).toBe(SIGNED_IN)
    expect(await readIdentity(s.port)).not.toBeNull()
  }, 20_000)

  it('the file swapped for a symlink between preflight and write is refused; the target is untouched', async () => {
    const s = await running()
    const outside = join(tempDir(), 'Preferences.xml')
    writeFileSync(outside, SIGNED_IN)
    const boundary = (point: string): void => {
      if (point !== 'inside:remove') return
      rmSync(s.preferences)
      symlinkSync(outside, s.preferences)
    }
    await expect(runReset(context(s, undefined, { boundary }))).rejects.toMatchObject({ code: 'SYMLINK_OUTSIDE_DATA_DIR' })
    expect(readFileSync(outside, 'utf8')).toBe(SIGNED_IN)
  }, 20_000)

  it('refuses a second run while one is under way', async () => {
    const s = await running()
    const holder = spawn('sleep', ['30'])
    try {
      const dir = runsDirOf(s.backups)
      await new LocalHost().mkdir(dir)
      writeFileSync(join(dir, `${ID}.lock`), JSON.stringify({ pid: holder.pid, runId: '20261128-000000-000000', startedAt: '2026-11-28T00:00:00Z', processStart: null }))
      await expect(runReset(context(s))).rejects.toMatchObject({ code: 'RUN_IN_PROGRESS', message: expect.stringContaining(`process ${holder.pid}`) })
      expect(readFileSync(s.preferences, 'utf8')).toBe(SIGNED_IN)
    } finally {
      holder.kill()
    }
  }, 20_000)

  it('clears a stale lock left by a killed run', async () => {
    const s = await running()
    const dir = runsDirOf(s.backups)
    await new LocalHost().mkdir(dir)
    writeFileSync(join(dir, `${ID}.lock`), JSON.stringify({ pid: 999_999_999, runId: '20261128-000000-000000', startedAt: '2026-11-28T00:00:00Z', processStart: null }))
    expect((await runReset(context(s))).outcome).toBe('finished')
    const lock = await RunLock.acquire(new LocalHost(), dir, ID, '20261128-000000-000001')
    await lock.release()
  }, 20_000)

  it('a cut-off run is rolled back to the original bytes with the server running', async () => {
    const s = await running()
    const killAfterRemove = (point: string): void => {
      if (point === 'after:verify-store') throw new Error('simulated crash')
    }
    // A crash after the store changed, with the process surviving only in the test: the journal
    // says where it stood. Take the journal out of "failed" to model a kill instead.
    await runReset(context(s, undefined, { boundary: killAfterRemove })).catch(() => undefined)
    await asCutOff(s)
    expect(readFileSync(s.preferences, 'utf8')).toBe(SIGNED_OUT)
    const result = await rollbackRun(context(s), (await new RunRegistry(new LocalHost(), s.backups).cutOff())[0]!)
    expect(result.outcome).toBe('rolled-back')
    expect(readFileSync(s.preferences, 'utf8')).toBe(SIGNED_IN)
    expect(await readIdentity(s.port)).toMatchObject({ claimed: true })
  }, 20_000)

  it('restore from the list: stops, keeps the current state, restores, starts', async () => {
    const s = await running()
    const reset = await runReset(context(s))
    const result = await runRestore(context(s), reset.journal.backupId!)
    expect(result.journal.completed).toEqual(['verify-backup', 'stop', 'verify-stopped', 'backup', 'restore', 'verify-store', 'start', 'verify-started'])
    expect(readFileSync(s.preferences, 'utf8')).toBe(SIGNED_IN)
    expect(await readIdentity(s.port)).toMatchObject({ claimed: true })
    const pre = await new BackupStore(s.backups, new LocalHost()).readVerified(result.journal.backupId!)
    expect(pre.payload.toString()).toBe(SIGNED_OUT)
    expect(pre.backup.manifest.reason).toBe('pre-restore')
  }, 20_000)

  it('the CLI names a cut-off run on every start and resumes it', async () => {
    const s = await running()
    const io = (out: string[], err: string[]) => ({ out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) })
    const hooks = { ...testHooks(), boundary: (p: string) => { if (p === 'after:stop') throw new Error('crash') } }
    await runCli(['reset', '--root', s.root, '--yes', '--backup-dir', s.backups, '--port', String(s.port)], io([], []), hooks)
    await asCutOff(s)
    const err: string[] = []
    const out: string[] = []
    expect(await runCli(['backups', '--backup-dir', s.backups], io(out, err))).toBe(0)
    expect(err.join('\n')).toMatch(/a reset of .+ \(run \S+\) was cut off after "\S+"\. Finish it: plex-reclaim resume \S+; or undo it: plex-reclaim rollback \S+\./)
    expect(await runCli(['resume', '--root', s.root, '--backup-dir', s.backups, '--port', String(s.port)], io(out, err), testHooks())).toBe(0)
    expect(readFileSync(s.preferences, 'utf8')).toBe(SIGNED_OUT)
    expect(await readIdentity(s.port)).toMatchObject({ claimed: false })
  }, 20_000)
})
