import { execFileSync } from 'node:child_process'
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { sha256 } from '../backups/store'
import { LocalHost } from '../host/local'
import { readIdentity } from '../server/identity'
import { XmlFileStore } from '../stores/xml-file'
import { linuxServer, type LinuxServer } from '../../../test/support/linux-server'
import { SIGNED_IN, tempDir } from '../../../test/support/temp'
import type { RunContext } from './context'
import { runReset } from './index'
import { serverAnswers } from '../../../test/support/until'

/**
 * A backup disk that fills up in the middle of a run (a real tmpfs, filled at a step boundary):
 * whatever fails next, the message says what was really done, from the run's own record, never
 * from the last journal entry that reached the disk.
 */
const asRoot = process.getuid?.() === 0
let m: LinuxServer | undefined
let mounted: string | undefined
afterEach(async () => {
  if (mounted) execFileSync('umount', ['-l', mounted])
  mounted = undefined
  await m?.dispose()
  m = undefined
})

async function running(): Promise<LinuxServer> {
  m = await linuxServer({ startDelayMs: 20, stopDelayMs: 20 })
  m.systemctl('start', 'plexmediaserver')
  await serverAnswers(m.port)
  expect(await readIdentity(m.port)).not.toBeNull()
  return m
}

/** A 2 MB tmpfs (the preflight wants 1 MB free) of this user's, 0700: the backup folder. */
function smallDisk(): string {
  const dir = join(tempDir('disk'), 'backups')
  mkdirSync(dir, { mode: 0o700 })
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0700', 'tmpfs', dir])
  mounted = dir
  return dir
}

/** Fills the disk to the last byte. */
function fill(dir: string): void {
  const fd = openSync(join(dir, 'filler'), 'w')
  const chunk = Buffer.alloc(64 * 1024, 1)
  try {
    for (;;) writeSync(fd, chunk)
  } catch {
    // ENOSPC: full. A last small write takes what is left of the last page.
    try {
      for (;;) writeSync(fd, chunk, 0, 1)
    } catch {
      /* full to the byte */
    }
  } finally {
    closeSync(fd)
  }
}

function context(s: LinuxServer, backupDir: string, boundary: (point: string) => void): RunContext {
  const host = new LocalHost()
  return {
    host,
    localHost: new LocalHost(),
    store: new XmlFileStore(host, s.preferences, s.dataDir),
    backupDir,
    server: { control: { kind: 'systemd', unit: 'plexmediaserver' }, pidFile: join(s.dataDir, 'plexmediaserver.pid'), port: s.port },
    mode: 'service',
    installation: { id: 'pms-0000000000ab', label: 'Test server', platform: 'linux', installType: 'linux-package', source: { kind: 'detected' } },
    appVersion: 'test',
    control: { timeoutMs: 10_000 },
    plexTvUrl: s.plexTv.url,
    boundary
  }
}

const POINTS = ['before:stop', 'after:stop', 'before:remove', 'after:remove', 'before:start', 'after:start', 'after:verify-unclaimed']

describe.skipIf(!asRoot)('a backup disk that fills up during a run (real tmpfs; about 1 s a point)', () => {
  it.each(POINTS)('full at %s: the message names the full disk and states exactly what was done', async (point) => {
    const s = await running()
    const backups = smallDisk()
    let filled = false
    let stopped = false
    const boundary = (p: string): void => {
      if (p === 'after:stop') stopped = true
      if (p === point) {
        fill(backups)
        filled = true
      }
    }
    const error = await runReset(context(s, backups, boundary)).then(
      () => null,
      (e: unknown) => e as { code: string; message: string }
    )
    expect(filled, error?.message).toBe(true)
    const changed = sha256(readFileSync(s.preferences)) !== sha256(Buffer.from(SIGNED_IN))
    const serving = (await readIdentity(s.port)) !== null
    rmSync(join(backups, 'filler'))
    // Even the journal's last word ("finished") failing is said, with what was done.
    expect(error).not.toBeNull()
    const { code, message } = error!
    expect(code, message).toBe('DISK_FULL')
    expect(message).toContain(`The disk is full`)
    expect(message).toContain(backups)
    expect(message).not.toMatch(/unexpected|\.\./i)
    // Never "nothing was changed" beside a change, never "not stopped" after a stop.
    if (changed) {
      expect(message).toMatch(/the old sign-in was removed from its settings/)
      expect(message).not.toMatch(/nothing (further )?was changed/i)
    } else expect(message).toMatch(/its settings are unchanged/)
    if (stopped) expect(message).not.toMatch(/was not stopped/)
    else expect(message).toMatch(/was not stopped/)
    expect(serving).toBe(true)
    if (stopped) expect(message).toMatch(/(was started again|was stopped and started again)/)
  }, 30_000)
})
