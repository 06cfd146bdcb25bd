import { writeFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { LocalHost } from '../host/local'
import { standInsOnPath } from '../../../test/standins/path'
import { tempDir } from '../../../test/support/temp'
import { freePort } from '../../../test/support/linux-server'
import { controlServer, type ServerTarget } from './control'

/**
 * Issue 25 item 2: quitting the macOS app is an Apple Event, which macOS 10.14+ refuses with
 * -1743 (errAEEventNotPermitted) until the user allows it. The stop then falls back to a TERM
 * signal to the server's process (no Apple Event), so a reset does not stop at its first step;
 * when that fails too, -1743 has its own message saying where to allow it. No Mac here:
 * osascript, pkill and pgrep are stand-ins written from their documentation (test/standins).
 */
let undo: () => void
let processes: string
let port: number
const me = process.getuid?.() === 0 ? 'root' : (process.env.USER ?? '')
beforeAll(async () => {
  undo = standInsOnPath(['osascript', 'pkill', 'pgrep'])
  port = await freePort() // nothing answers there: the server's API is silent once it is gone
})
afterAll(() => {
  undo()
  for (const k of ['STANDIN_PGREP_FILE', 'STANDIN_OSASCRIPT_DENIED', 'STANDIN_PKILL_EPERM']) delete process.env[k]
})
beforeEach(() => {
  processes = join(tempDir('plex-apple-events'), 'processes')
  writeFileSync(processes, `${me} Plex Media Server\n`)
  process.env.STANDIN_PGREP_FILE = processes
  delete process.env.STANDIN_OSASCRIPT_DENIED
  delete process.env.STANDIN_PKILL_EPERM
})

const target = (): ServerTarget => ({ control: { kind: 'macos-app', user: null }, pidFile: null, port })

describe('macOS stop when Apple Events are refused (-1743)', () => {
  it('allowed: osascript quits it, no signal is sent', async () => {
    const log: string[] = []
    await controlServer(new LocalHost(), target(), 'stop', { timeoutMs: 5000, pollMs: 20, log: (l) => log.push(l) })
    expect(readFileSync(processes, 'utf8')).toBe('')
    expect(log.join('\n')).not.toMatch(/pkill/)
  })

  it('refused: the stop falls back to TERM for the server\'s process and the run goes on; the log says why', async () => {
    process.env.STANDIN_OSASCRIPT_DENIED = '1'
    const log: string[] = []
    const seen = await controlServer(new LocalHost(), target(), 'stop', { timeoutMs: 5000, pollMs: 20, log: (l) => log.push(l) })
    expect(seen.processAlive).toBe(false)
    expect(readFileSync(processes, 'utf8')).toBe('')
    expect(log.join('\n')).toMatch(/osascript .*exit 1[\s\S]*-1743[\s\S]*pkill -TERM -x Plex Media Server: exit 0/)
  })

  it('refused, and the signal fails too: its own message, saying where to allow it', async () => {
    process.env.STANDIN_OSASCRIPT_DENIED = '1'
    process.env.STANDIN_PKILL_EPERM = '1'
    const stop = controlServer(new LocalHost(), target(), 'stop', { timeoutMs: 5000, pollMs: 20 })
    await expect(stop).rejects.toMatchObject({ code: 'APPLE_EVENTS_DENIED' })
    await expect(stop).rejects.toThrow(/-1743.*Nothing was changed.*System Settings > Privacy & Security > Automation.*turn on Plex Media Server/s)
    expect(readFileSync(processes, 'utf8')).toBe(`${me} Plex Media Server\n`)
  })
})
