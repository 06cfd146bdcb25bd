import { readFileSync, existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { LocalHost } from '../host/local'
import { standInsOnPath } from '../../../test/standins/path'
import { tempDir } from '../../../test/support/temp'
import { freePort } from '../../../test/support/linux-server'
import { controlServer, type ServerTarget } from './control'

/**
 * Issue 25 item 3: PmsService's PlexService (cjmurph/PmsService: its PmsMonitor starts Plex Media
 * Server and starts it again when it exits). The stop stops the wrapper's service first, then the
 * server if it is still there (taskkill, elevated where refused), so nothing restarts it during the
 * edit. Stand-ins for sc, tasklist, taskkill and the UAC prompt cite Microsoft's documents.
 */
let undo: () => void
let log: string
let tasks: string
let port: number
beforeAll(async () => {
  undo = standInsOnPath(['sc', 'powershell', 'tasklist', 'taskkill'])
  port = await freePort()
})
afterAll(() => {
  undo()
  for (const k of ['STANDIN_UAC', 'STANDIN_SC_LOG', 'STANDIN_TASKLIST_FILE', 'STANDIN_TASKKILL_NEEDS_ADMIN']) delete process.env[k]
})
beforeEach(() => {
  const dir = tempDir('plex-wrapper')
  log = join(dir, 'sc.log')
  tasks = join(dir, 'tasks')
  writeFileSync(tasks, 'Plex Media Server.exe\n')
  Object.assign(process.env, { STANDIN_SC_LOG: log, STANDIN_TASKLIST_FILE: tasks, STANDIN_UAC: 'allow', STANDIN_TASKKILL_NEEDS_ADMIN: '1' })
})
const calls = (): string[] => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [])

describe('a Windows service wrapper (PmsService)', () => {
  it('stop: the wrapper\'s service first, then the server it left running, each elevated where refused', async () => {
    const target: ServerTarget = { control: { kind: 'windows-service', service: 'PlexService', wrapper: true }, pidFile: null, port }
    const seen = await controlServer(new LocalHost(), target, 'stop', { timeoutMs: 5000, promptTimeoutMs: 2000, pollMs: 20 })
    expect(seen.processAlive).toBe(false)
    expect(calls()).toEqual(['stop PlexService elevated=0', 'stop PlexService elevated=1', 'taskkill Plex Media Server.exe elevated=0', 'taskkill Plex Media Server.exe elevated=1'])
    expect(readFileSync(tasks, 'utf8')).toBe('')
  })

})
