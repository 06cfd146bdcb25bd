import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testHooks } from '../../test/support/cli-hooks'
import { freePort, setEnv } from '../../test/support/linux-server'
import { startSimulator } from '../simulator/pms'
import { startPlexTv } from '../simulator/plex-tv'
import { SIGNED_IN, SIGNED_OUT, layOut, tempDir } from '../../test/support/temp'
import { runCli } from './run'

/** The key lists the README documents for each command's --json output. */
function documented(): Record<string, string[]> {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('`--json` shapes'), readme.indexOf('## What Plex Reclaim guarantees'))
  const shapes: Record<string, string[]> = {}
  for (const m of section.matchAll(/^- `([a-z]+)`(?: and `([a-z]+)`)?[^`\n]*?:\s*(?:an array of [a-z]+(?:, newest first)?:\s*)?`\{ ([^}]+) \}`/gm)) {
    const keys = m[3]!.split(',').map((k) => k.trim().replace(/\?$/, ''))
    for (const name of [m[1]!, m[2]].filter(Boolean) as string[]) shapes[name] = keys
  }
  return shapes
}

async function json(...argv: string[]): Promise<unknown> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli([...argv, '--json'], { out: (l) => void out.push(l), err: (l) => void err.push(l) }, testHooks())
  expect(code, err.join('\n')).toBe(0)
  return JSON.parse(out.join('\n'))
}

const keysOf = (value: unknown): string[] => Object.keys(value as object).sort()

describe("the README's --json shapes are what the CLI prints", () => {
  it('detect, inspect, reset (real and dry run), backups and restore', async () => {
    const shapes = documented()
    const root = tempDir()
    const data = 'var/lib/plexmediaserver/Library/Application Support/Plex Media Server'
    layOut(root, { 'usr/lib/plexmediaserver/': '', 'lib/systemd/system/plexmediaserver.service': '[Unit]\n', [`${data}/Preferences.xml`]: SIGNED_IN })
    const file = join(root, data, 'Preferences.xml')
    const backups = join(root, 'backups')

    const detected = (await json('detect', '--root', root)) as unknown[]
    expect(detected).toHaveLength(1)
    expect(keysOf(detected[0])).toEqual([...shapes.detect!].sort())
    expect(keysOf(await json('inspect', '--file', file))).toEqual([...shapes.inspect!].sort())
    // status asks plex.tv about the token: the stand-in, reached only through the test hooks.
    const plexTv = await startPlexTv()
    const restore = setEnv({ PLEX_RECLAIM_PLEXTV_URL: plexTv.url })
    try {
      expect(keysOf(await json('status', '--root', root, '--port', '9', '--backup-dir', join(root, 'status-backups')))).toEqual([...shapes.status!].sort())
    } finally {
      restore()
      await plexTv.close()
    }
    expect(keysOf(await json('reset', '--file', file, '--no-service', '--dry-run'))).toEqual([...shapes.reset!].sort())
    expect(keysOf(await json('reset', '--file', file, '--no-service', '--yes', '--backup-dir', backups))).toEqual([...shapes.reset!].sort())
    const list = (await json('backups', '--backup-dir', backups)) as Array<{ id: string }>
    expect(keysOf(list[0])).toEqual([...shapes.backups!].sort())
    const restored = await json('restore', list[0]!.id, '--no-service', '--yes', '--backup-dir', backups, '--root', root)
    expect(keysOf(restored)).toEqual([...shapes.restore!].sort())
    expect(readFileSync(file, 'utf8')).toBe(SIGNED_IN)
    expect(keysOf(await json('report', '--root', root, '--backup-dir', backups, '--out', join(root, 'report.txt')))).toEqual([...shapes.report!].sort())
    expect(Object.keys(shapes).sort()).toEqual(['backups', 'claim', 'detect', 'inspect', 'report', 'reset', 'restore', 'resume', 'rollback', 'status'])
  })

  it('claim', async () => {
    const plexTv = await startPlexTv()
    const dataDir = tempDir()
    layOut(dataDir, { 'Preferences.xml': SIGNED_OUT })
    const sim = await startSimulator({ dataDir, port: await freePort(), plexTvUrl: plexTv.url })
    const restore = setEnv({ PLEX_RECLAIM_PLEXTV_URL: plexTv.url })
    try {
      const claimed = await json('claim', '--token', plexTv.mintClaimToken(), '--port', String(sim.port), '--root', tempDir(), '--backup-dir', join(dataDir, 'backups'))
      expect(keysOf(claimed)).toEqual([...documented().claim!].sort())
    } finally {
      restore()
      await sim.stop()
      await plexTv.close()
    }
  })
})
