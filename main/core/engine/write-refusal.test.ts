import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LocalHost } from '../host/local'
import { XmlFileStore } from '../stores/xml-file'
import { engineContext } from '../../../test/support/engine'
import { SIGNED_IN, tempDir } from '../../../test/support/temp'
import { runReset } from './index'

/**
 * As root, "run it with sudo" is no advice: a read-only mount and an immutable file are said as
 * what they are (real mounts and chattr, root only).
 */
const asRoot = process.getuid?.() === 0
const undo: Array<() => void> = []
afterEach(() => {
  for (const f of undo.splice(0).reverse()) f()
})

function server(): { dataDir: string; prefs: string; backups: string } {
  const root = tempDir('refusal')
  const dataDir = join(root, 'Plex Media Server')
  mkdirSync(dataDir)
  const prefs = join(dataDir, 'Preferences.xml')
  writeFileSync(prefs, SIGNED_IN)
  return { dataDir, prefs, backups: join(root, 'backups') }
}

async function resetMessage(s: { dataDir: string; prefs: string; backups: string }): Promise<string> {
  const host = new LocalHost()
  const error = await runReset(engineContext(new XmlFileStore(host, s.prefs, s.dataDir), s.backups)).then(
    () => null,
    (e: unknown) => e as Error
  )
  expect(error).not.toBeNull()
  expect(readFileSync(s.prefs, 'utf8')).toBe(SIGNED_IN)
  return error!.message
}

describe.skipIf(!asRoot)('settings that root cannot write', () => {
  it('on a read-only bind mount: "read-only file system", not "this user … or with sudo"', async () => {
    const s = server()
    execFileSync('mount', ['--bind', s.dataDir, s.dataDir])
    undo.push(() => execFileSync('umount', [s.dataDir]))
    execFileSync('mount', ['-o', 'remount,bind,ro', s.dataDir])
    const message = await resetMessage(s)
    expect(message).toMatch(/^Nothing was changed: .*read-only file system/)
    expect(message).not.toMatch(/this user|with sudo/)
  })

  it('an immutable file (chattr +i): says immutable and lsattr, not sudo', async () => {
    const s = server()
    execFileSync('chattr', ['+i', s.prefs])
    undo.push(() => execFileSync('chattr', ['-i', s.prefs]))
    const message = await resetMessage(s)
    expect(message).toMatch(/immutable.*lsattr/)
    expect(message).not.toMatch(/this user|with sudo/)
  })
})
