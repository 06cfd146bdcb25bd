import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { LocalHost } from '../host/local'
import { standInsOnPath } from '../../../test/standins/path'
import { tempDir } from '../../../test/support/temp'
import { controlServer, type ServerTarget } from './control'

// Stand-ins: sc and PowerShell's UAC prompt cannot run under Wine (test/standins/sc.mjs and
// powershell.mjs cite Microsoft's documented behaviour).
const target: ServerTarget = { control: { kind: 'windows-service', service: 'PlexService' }, pidFile: null, port: 9 }
let undo: () => void
let log: string
beforeAll(() => (undo = standInsOnPath(['sc', 'powershell'])))
afterAll(() => {
  undo()
  delete process.env.STANDIN_UAC
  delete process.env.STANDIN_SC_LOG
})
beforeEach(() => {
  log = join(tempDir(), 'sc.log')
  process.env.STANDIN_SC_LOG = log
})
const scCalls = (): string[] => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [])

describe('UAC for a Windows service (stand-ins for sc and the UAC prompt)', () => {
  const run = (answer: string) => {
    process.env.STANDIN_UAC = answer
    return controlServer(new LocalHost(), target, 'start', { timeoutMs: 3000, promptTimeoutMs: 500, pollMs: 50 })
  }

  it('cancelled: says so, with the command for an administrator terminal, and sc never ran elevated', async () => {
    await expect(run('cancel')).rejects.toMatchObject({ code: 'ELEVATION_CANCELLED', message: expect.stringContaining('sc start PlexService') })
    expect(scCalls()).toEqual(['start PlexService elevated=0'])
  })

  it('refused', async () => {
    await expect(run('deny')).rejects.toMatchObject({ code: 'ELEVATION_DENIED' })
    expect(scCalls()).toEqual(['start PlexService elevated=0'])
  })

  it('no answer in time', async () => {
    await expect(run('hang')).rejects.toMatchObject({ code: 'ELEVATION_TIMEOUT' })
    expect(scCalls()).toEqual(['start PlexService elevated=0'])
  })

  it('allowed: sc is refused unelevated, then runs elevated for that step alone, then the wait follows', async () => {
    // Commands get 3 s so a slow start of a stand-in is never taken for a refusal.
    // Nothing answers on port 9, so the wait for "running" ends in START_TIMEOUT after sc succeeded.
    await expect(run('allow')).rejects.toMatchObject({ code: 'START_TIMEOUT' })
    expect(scCalls()).toEqual(['start PlexService elevated=0', 'start PlexService elevated=1'])
  })
})
