import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalHost } from '../host/local'
import { standInsOnPath } from '../../../test/standins/path'
import { controlServer, type ServerTarget } from './control'

const target: ServerTarget = { control: { kind: 'windows-service', service: 'PlexService' }, pidFile: null, port: 9 }
let undo: () => void
beforeAll(() => (undo = standInsOnPath(['sc', 'powershell'])))
afterAll(() => undo())

describe('UAC for a service wrapper (Windows)', () => {
  const run = (answer: string) => {
    process.env.STANDIN_UAC = answer
    return controlServer(new LocalHost(), { ...target, control: { kind: 'windows-service', service: 'PlexService' } }, 'start', { timeoutMs: 300, promptTimeoutMs: 300, pollMs: 20 })
  }

  it('cancelled: says so, with the command for an administrator terminal', async () => {
    await expect(run('cancel')).rejects.toMatchObject({ code: 'ELEVATION_CANCELLED', message: expect.stringContaining('sc start PlexService') })
  })

  it('refused', async () => {
    await expect(run('deny')).rejects.toMatchObject({ code: 'ELEVATION_DENIED' })
  })

  it('no answer in time', async () => {
    await expect(run('hang')).rejects.toMatchObject({ code: 'ELEVATION_TIMEOUT' })
  })

  it('allowed: sc runs elevated for that step alone, then the wait follows', async () => {
    // Nothing listens on port 9, so the wait for "running" times out: the elevation itself worked.
    await expect(run('allow')).rejects.toMatchObject({ code: 'START_TIMEOUT' })
  })
})
