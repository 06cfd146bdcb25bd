import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { engineContext } from '../../../test/support/engine'
import { TEST_CLI } from '../../../test/support/linux-server'
import { SIGNED_IN, SIGNED_OUT, layOut, tempDir } from '../../../test/support/temp'
import { LocalHost } from '../host/local'
import type { Host } from '../host/types'
import { XmlFileStore } from '../stores/xml-file'
import { runReset } from './index'
import { JournalStore, runsDirOf } from './journal'
import { machineLockDir, settingsKey } from './lock'

const NOBODY = 65534

/** A settings file another user may reset too: owned by nobody, in folders nobody may enter. */
function sharedServer() {
  const root = tempDir()
  chmodSync(root, 0o755)
  layOut(root, { 'data/Preferences.xml': SIGNED_IN })
  const file = join(root, 'data', 'Preferences.xml')
  chownSync(join(root, 'data'), NOBODY, NOBODY)
  chownSync(file, NOBODY, NOBODY)
  chmodSync(file, 0o600)
  return { root, file, store: new XmlFileStore(new LocalHost(), file, join(root, 'data')) }
}

/** This test's node, reachable by another user (root's home is not): a hard link in a 0755 folder. */
function nodeForOthers(root: string): string {
  const dir = join(root, 'bin')
  mkdirSync(dir, { mode: 0o755 })
  const node = join(dir, 'node')
  linkSync(process.execPath, node)
  return node
}

describe('one run per settings file per host', () => {
  it.runIf(process.getuid?.() === 0)('a second run on the same file under another id, another user and another backup folder is refused while the first holds it', async () => {
    const s = sharedServer()
    const node = nodeForOthers(s.root)
    const theirBackups = join(s.root, 'their-backups')
    mkdirSync(theirBackups, { mode: 0o700 })
    chownSync(theirBackups, NOBODY, NOBODY)
    let second: ReturnType<typeof spawnSync> | null = null
    // The first run (root, detected id pms-00000000000a, its own backup folder) holds the file
    // after its backup; the second is the CLI as nobody with --file (another id) and its own folder.
    const boundary = (point: string): void => {
      if (point !== 'after:backup') return
      second = spawnSync(node, [TEST_CLI, 'reset', '--file', s.file, '--yes', '--no-service', '--backup-dir', theirBackups], { uid: NOBODY, gid: NOBODY, encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: theirBackups } })
    }
    const first = await runReset(engineContext(s.store, join(s.root, 'backups'), { boundary }))
    expect(first.outcome).toBe('finished')
    const r = second as unknown as { status: number; stderr: string; stdout: string }
    expect(`${r.stdout}${r.stderr}`).toMatch(new RegExp(`Another run \\(${first.runId}\\) is already working on this server's settings \\(process ${process.pid} of user 0\\)`))
    expect(r.status).not.toBe(0)
    expect(readFileSync(s.file, 'utf8')).toBe(SIGNED_OUT)
    expect(readdirSync(theirBackups).filter((n) => n.endsWith('.xml') || n.endsWith('.json'))).toEqual([])
  }, 60_000)

  it('a planted link, FIFO or garbage with the lock\'s name holds nothing; a live holder does', async () => {
    const s = sharedServer()
    const local = new LocalHost()
    const key = await settingsKey(local, local.ref, s.store.target)
    const dir = await machineLockDir(local)
    const name = (what: string): string => join(dir, `plex-reclaim-${key}-${what}.lock`)
    const holder = (pid: number): string => JSON.stringify({ pid, runId: '20261204-000000-000001', startedAt: '2026-12-04T00:00:00Z', processStart: null })
    writeFileSync(join(s.root, 'target'), holder(process.ppid))
    symlinkSync(join(s.root, 'target'), name('link'))
    expect(spawnSync('mkfifo', [name('fifo')]).status).toBe(0)
    writeFileSync(name('garbage'), 'not json')
    writeFileSync(name('dead'), holder(999_999_999))
    const sleeper = spawn('sleep', ['30'])
    try {
      expect((await runReset(engineContext(s.store, join(s.root, 'backups')))).outcome).toBe('finished')
      writeFileSync(name('live'), holder(sleeper.pid!))
      await expect(runReset(engineContext(s.store, join(s.root, 'backups')))).rejects.toMatchObject({ code: 'RUN_IN_PROGRESS', message: expect.stringContaining(`process ${sleeper.pid}`) })
    } finally {
      sleeper.kill()
      for (const what of ['link', 'fifo', 'garbage', 'dead', 'live']) rmSync(name(what), { force: true })
    }
  })

  it('a run that finishes between the registry\'s reads is finished, never cut off', async () => {
    const root = tempDir()
    layOut(root, { 'data/Preferences.xml': SIGNED_IN })
    const backups = join(root, 'backups')
    const local = new LocalHost()
    const journals = new JournalStore(runsDirOf(backups), local)
    const now = new Date().toISOString()
    const runId = '20261204-000000-abcdef'
    const store = { kind: 'preferences-xml' as const, path: join(root, 'data', 'Preferences.xml'), dataDir: join(root, 'data') }
    const live = await journals.write({ format: 2, runId, kind: 'reset', mode: 'none', host: { kind: 'local' }, installationId: 'pms-00000000000a', label: 'x', source: { kind: 'detected' }, store, createdAt: now, updatedAt: now, completed: ['preflight'] })
    // The run finishes (outcome written, lock let go) right after the registry first read its journal.
    let journalReads = 0
    let finished = false
    const finishAfterFirstRead = async (): Promise<void> => {
      if (journalReads === 1 && !finished) {
        finished = true
        await journals.write({ ...live, outcome: 'finished' })
      }
    }
    const host = new Proxy(local, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown
        if (typeof value !== 'function') return value
        return async (...args: unknown[]) => {
          await finishAfterFirstRead()
          const out = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)
          if (name === 'readFile' && String(args[0]).endsWith('.journal.json')) journalReads++
          return out
        }
      }
    }) as Host
    const { RunRegistry } = await import('./registry')
    const record = await new RunRegistry(host, backups).get(runId)
    expect(finished).toBe(true)
    expect(record.status).toBe('finished')
  })

  it('the lock is machine-wide: not in the backup folder', async () => {
    const s = sharedServer()
    const backups = join(s.root, 'backups')
    let seen: string[] = []
    const boundary = (point: string): void => {
      if (point === 'after:backup') seen = existsSync(runsDirOf(backups)) ? readdirSync(runsDirOf(backups)).filter((n) => n.endsWith('.lock')) : []
    }
    await runReset(engineContext(s.store, backups, { boundary }))
    expect(seen).toEqual([])
  })
})

describe('the runs folder', () => {
  it.runIf(process.getuid?.() === 0)('one that cannot be read is an error that names it, never "no runs"', async () => {
    const root = tempDir()
    const runs = runsDirOf(join(root, 'backups'))
    mkdirSync(runs, { recursive: true, mode: 0o700 })
    chmodSync(root, 0o755)
    chmodSync(join(root, 'backups'), 0o755)
    const path = process.env.PATH
    process.setegid!(NOBODY)
    process.seteuid!(NOBODY)
    try {
      await expect(new JournalStore(runs, new LocalHost()).list()).rejects.toMatchObject({ code: 'RUN_UNREADABLE', message: expect.stringContaining(`The runs folder ${runs} cannot be read (EACCES)`) })
    } finally {
      process.seteuid!(0)
      process.setegid!(0)
      process.env.PATH = path
    }
  })
})
