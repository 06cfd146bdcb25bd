import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalHost } from '../host/local'
import { standInsOnPath } from '../../../test/standins/path'
import { tempDir } from '../../../test/support/temp'
import { waitFor, type ServerTarget } from './control'
import { assertPlexProcessGone, plexProcessRunning } from './process-gone'

// Stand-ins: Wine 8's tasklist prints nothing, and Linux's pgrep cannot match the 17-character
// "Plex Media Server" exactly (test/standins/tasklist.mjs and pgrep.mjs cite the documented output).
const host = new LocalHost()
let undo: () => void
let tasks: string
let procs: string
beforeAll(() => {
  undo = standInsOnPath(['tasklist', 'pgrep'])
  tasks = join(tempDir(), 'tasks')
  procs = join(tempDir(), 'procs')
  process.env.STANDIN_TASKLIST_FILE = tasks
  process.env.STANDIN_PGREP_FILE = procs
})
afterAll(() => {
  undo()
  delete process.env.STANDIN_TASKLIST_FILE
  delete process.env.STANDIN_PGREP_FILE
})

const tray: ServerTarget = { control: { kind: 'windows-tray', installFolder: null }, pidFile: null, port: 9 }

describe('the server process by name where there is no pid file (stand-ins for tasklist and macOS pgrep)', () => {
  it('Windows: tasklist names Plex Media Server.exe, or does not', async () => {
    writeFileSync(tasks, 'explorer.exe\nPlex Media Server.exe\n')
    expect(await plexProcessRunning(host, tray.control)).toBe(true)
    writeFileSync(tasks, 'explorer.exe\nPlex Media Scanner.exe\n')
    expect(await plexProcessRunning(host, { kind: 'windows-service', service: 'PlexNSSM' })).toBe(false)
  })

  it('macOS: pgrep -x for the user who runs the server', async () => {
    writeFileSync(procs, 'kate Plex Media Server\n')
    expect(await plexProcessRunning(host, { kind: 'macos-app', user: 'kate' })).toBe(true)
    expect(await plexProcessRunning(host, { kind: 'macos-app', user: 'sam' })).toBe(false)
    writeFileSync(procs, 'kate Plex Media Server Helper\n')
    expect(await plexProcessRunning(host, { kind: 'macos-app', user: null })).toBe(false)
  })

  it('a server whose port is closed is not stopped while its process is still there; the wait has a bound', async () => {
    writeFileSync(tasks, 'Plex Media Server.exe\n')
    await expect(waitFor(host, tray, 'stop', { timeoutMs: 1500, pollMs: 50 })).rejects.toMatchObject({ code: 'STOP_TIMEOUT', message: expect.stringContaining('its process is still alive') })
    await expect(assertPlexProcessGone(host, tray.control)).rejects.toMatchObject({ code: 'SERVER_RUNNING' })
  })

  it('the wait ends once the process is gone', async () => {
    writeFileSync(tasks, 'Plex Media Server.exe\n')
    const seen: boolean[] = []
    const waiting = waitFor(host, tray, 'stop', { timeoutMs: 20_000, pollMs: 50, onProgress: (p) => seen.push(p.observation.processAlive) })
    setTimeout(() => writeFileSync(tasks, ''), 800)
    await expect(waiting).resolves.toMatchObject({ processAlive: false, answers: false })
    expect(seen[0]).toBe(true)
    await assertPlexProcessGone(host, tray.control)
  })
})
