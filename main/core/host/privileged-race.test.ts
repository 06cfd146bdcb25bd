import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/temp'
import { LocalHost } from './local'
import { handlePrivileged } from './privileged-helper'
import { closeOwnerWorkers, useOwnerWorkers } from './privileged-owner'
import type { RequestBody } from './privileged-protocol'

/**
 * Issue 23 item 1, locally: root (the privileged helper, or `sudo plex-reclaim`) writes, renames
 * and removes in a folder that user 4242 owns while that user swaps every new entry (then the
 * folder itself, then its parent) for a symlink to a root-owned file. Root acts there only through
 * a worker that has become 4242, so the root-owned file keeps its bytes, owner and mode each time.
 * Real processes, no stand-ins; needs root. About 4 s on the shared 2-core machine.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..')
const CLI = join(ROOT, 'out', 'node', 'cli.js')
const ATTACKER = join(ROOT, 'test', 'support', 'race-attacker.mjs')
const OWNER = { uid: 4242, gid: 4242 }
const TRIES = 5
const unavailable = process.geteuid?.() !== 0 ? 'needs root' : !existsSync(CLI) ? 'out/node/cli.js is built by the main project\'s global setup' : null

/** Node where user 4242 may run it (this one lives under root's 0700 home). */
let node = process.execPath

interface Attacker {
  readonly child: ChildProcess
  readonly swaps: string[]
  stop(): Promise<void>
}

/** The folder's owner, racing: its swaps are read from its stdout as they happen. */
async function attack(dir: string, target: string, mode: 'entries' | 'folder'): Promise<Attacker> {
  const child = spawn(node, [ATTACKER, dir, target, mode], { ...OWNER, stdio: ['ignore', 'pipe', 'inherit'] })
  const swaps: string[] = []
  let text = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8')
      const lines = text.split('\n')
      text = lines.pop()!
      for (const line of lines) {
        if (line === 'READY') resolve()
        else if (line.startsWith('SWAP ')) swaps.push(line.slice(5))
      }
    })
    child.once('exit', (code) => reject(new Error(`the attacker ended (exit ${code}) before it was ready`)))
    child.once('error', reject)
  })
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  return { child, swaps, stop }
}

function tree() {
  const top = tempDir('race')
  chmodSync(top, 0o755)
  // Root's own: a folder shaped like the data folder, and one shaped like its parent.
  const victimParent = join(top, 'root-only')
  const victimDir = join(victimParent, 'Plex Media Server')
  mkdirSync(victimDir, { recursive: true, mode: 0o755 })
  const victim = join(victimDir, 'Preferences.xml')
  writeFileSync(victim, 'ROOT OWNED\n', { mode: 0o644 })
  // The owner's: /var/lib/plexmediaserver/Library/… in short.
  const grand = join(top, 'var-lib')
  const parent = join(grand, 'plexmediaserver')
  const data = join(parent, 'Plex Media Server')
  mkdirSync(data, { recursive: true })
  for (const d of [grand, parent, data]) chownSync(d, OWNER.uid, OWNER.gid)
  const prefs = join(data, 'Preferences.xml')
  writeFileSync(prefs, '<Preferences PlexOnlineToken="x"/>\n', { mode: 0o600 })
  chownSync(prefs, OWNER.uid, OWNER.gid)
  return { top, victimParent, victimDir, victim, parent, data, prefs }
}

const facts = (path: string) => {
  const s = statSync(path)
  return { bytes: readFileSync(path, 'utf8'), uid: s.uid, gid: s.gid, mode: s.mode & 0o7777 }
}

type Root = (body: RequestBody) => Promise<unknown>
/** Root as `sudo plex-reclaim` (LocalHost), and root as the desktop app's helper (its scope: this data folder). */
const asLocalRoot: Root = async (b) => {
  const host = new LocalHost()
  if (b.op === 'writeFileAtomic') return host.writeFileAtomic(b.path, Buffer.from(b.data, 'base64'), { uid: b.uid, gid: b.gid, mode: b.mode })
  if (b.op === 'writeNewFile') return host.writeNewFile(b.path, Buffer.from(b.data, 'base64'), b.mode)
  if (b.op === 'rename') return host.rename(b.path, b.to)
  if (b.op === 'remove') return host.remove(b.path)
  if (b.op === 'mkdir') return host.mkdir(b.path, b.mode)
  if (b.op === 'readFile') return host.readFile(b.path)
}
const asHelper = (data: string): Root => (b) => handlePrivileged({ roots: [data], commands: [] }, { ...b, id: 0 } as Parameters<typeof handlePrivileged>[1])

/** Root's work in the folder: what a reset and a restore do there. Errors are the attacker's doing and allowed. */
async function rootWorks(root: Root, data: string, n: number): Promise<void> {
  const prefs = join(data, 'Preferences.xml')
  const data64 = (text: string) => Buffer.from(text).toString('base64')
  await root({ op: 'readFile', path: prefs }).catch(() => undefined)
  await root({ op: 'writeFileAtomic', path: prefs, data: data64(`<Preferences n="${n}"/>\n`), ...OWNER, mode: 0o600 }).catch(() => undefined)
  await root({ op: 'writeNewFile', path: join(data, `Preferences.xml.${n}.bak`), data: data64('backup\n'), mode: 0o600 }).catch(() => undefined)
  await root({ op: 'rename', path: join(data, `Preferences.xml.${n}.bak`), to: join(data, `kept.${n}.bak`) }).catch(() => undefined)
  await root({ op: 'remove', path: join(data, `kept.${n}.bak`) }).catch(() => undefined)
  await root({ op: 'mkdir', path: join(data, `made-${n}`), mode: 0o700 }).catch(() => undefined)
}

describe.skipIf(unavailable !== null)('root never acts by path in a folder its owner can swap (real processes, as root)', () => {
  const host = new LocalHost()
  beforeAll(() => {
    const bin = tempDir('race-node')
    chmodSync(bin, 0o755)
    node = join(bin, 'node')
    copyFileSync(process.execPath, node)
    chmodSync(node, 0o755)
    // RACE_BASELINE=1 shows cea9253's behaviour: root acting by path itself.
    useOwnerWorkers(process.env.RACE_BASELINE ? null : [node, CLI])
  })
  afterAll(() => {
    closeOwnerWorkers()
    useOwnerWorkers(null)
  })

  it.each([
    ['sudo plex-reclaim', 'every new entry', 'entries'],
    ['sudo plex-reclaim', 'the data folder itself', 'folder'],
    ['sudo plex-reclaim', 'a parent folder the owner has', 'parent'],
    ['the privileged helper', 'every new entry', 'entries'],
    ['the privileged helper', 'the data folder itself', 'folder'],
    ['the privileged helper', 'a parent folder the owner has', 'parent']
  ] as const)(`%s: %s swapped for a symlink to a root-owned file or folder, ${TRIES} tries: the root-owned one is unchanged each time`, async (who, _what, kind) => {
    let seen = 0
    for (let n = 0; n < TRIES; n++) {
      const t = tree()
      const before = facts(t.victim)
      const target = { entries: t.victim, folder: t.victimDir, parent: t.victimParent }[kind]
      const a = await attack(kind === 'parent' ? t.parent : t.data, target, kind === 'entries' ? 'entries' : 'folder')
      try {
        // Root keeps working until the attacker has swapped at least once during this try.
        const root = who === 'sudo plex-reclaim' ? asLocalRoot : asHelper(t.data)
        for (let round = 0; a.swaps.length === 0 && round < 200; round++) await rootWorks(root, t.data, round)
      } finally {
        await a.stop()
      }
      expect(a.swaps.length, `try ${n}: the attacker swapped nothing`).toBeGreaterThan(0)
      seen += a.swaps.length
      expect(facts(t.victim), `try ${n}`).toEqual(before)
      expect(statSync(t.victimDir).uid).toBe(0)
      // Nothing was made in the root-owned folder.
      expect(readdirSync(t.victimDir)).toEqual(['Preferences.xml'])
    }
    expect(seen).toBeGreaterThanOrEqual(TRIES)
  }, 120_000)

  it('without an attacker, root\'s write in the folder keeps the owner, group and mode and is made by the owner', async () => {
    const t = tree()
    await host.writeFileAtomic(t.prefs, Buffer.from('<Preferences/>\n'), { ...OWNER, mode: 0o600 })
    expect(facts(t.prefs)).toEqual({ bytes: '<Preferences/>\n', ...OWNER, mode: 0o600 })
    await host.writeNewFile(join(t.data, 'copy.bak'), Buffer.from('b\n'), 0o600)
    // Made by the worker: the new file is the owner's, not root's.
    expect(facts(join(t.data, 'copy.bak'))).toEqual({ bytes: 'b\n', ...OWNER, mode: 0o600 })
  })

  it('a program the folder\'s owner may not run: the step is refused with the reason, and nothing is written as root', async () => {
    const t = tree()
    const hidden = tempDir('race-private') // 0700, root's: user 4242 cannot even enter it
    writeFileSync(join(hidden, 'plex-reclaim'), '#!/bin/sh\n', { mode: 0o755 })
    closeOwnerWorkers()
    useOwnerWorkers([join(hidden, 'plex-reclaim')])
    try {
      await expect(host.writeFileAtomic(t.prefs, Buffer.from('<Preferences/>\n'), { ...OWNER, mode: 0o600 })).rejects.toMatchObject({
        code: 'NOT_PERMITTED',
        message: expect.stringMatching(/^Root changes files in a folder of user 4242 only as that user, and Plex Reclaim could not start itself as that user .*, so this step was not done\./)
      })
      expect(facts(t.prefs)).toEqual({ bytes: '<Preferences PlexOnlineToken="x"/>\n', ...OWNER, mode: 0o600 })
      expect(readdirSync(t.data)).toEqual(['Preferences.xml'])
    } finally {
      closeOwnerWorkers()
      useOwnerWorkers([node, CLI])
    }
  })

  it('a root:root Preferences.xml in the owner\'s folder: the reset is refused before anything changes (root acts there only as the owner, who cannot keep root\'s file root\'s)', async () => {
    const { runReset } = await import('../engine/index')
    const { storeFor } = await import('../stores/store-for')
    const { engineContext } = await import('../../../test/support/engine')
    const t = tree()
    writeFileSync(t.prefs, '<Preferences PlexOnlineToken="x"/>\n', { mode: 0o600 })
    chownSync(t.prefs, 0, 0)
    const store = storeFor(host, { kind: 'preferences-xml', path: t.prefs, dataDir: t.data })
    await expect(runReset(engineContext(store, tempDir('race-backups')))).rejects.toMatchObject({ message: expect.stringContaining('Give the file its folder\'s owner and group (chown), or pass --force') })
    expect(facts(t.prefs)).toEqual({ bytes: '<Preferences PlexOnlineToken="x"/>\n', uid: 0, gid: 0, mode: 0o600 })
    expect(readdirSync(t.data)).toEqual(['Preferences.xml'])
  })
})
