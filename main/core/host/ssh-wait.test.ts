import { describe, expect, it } from 'vitest'
import { waitOnServer } from './ssh-wait'

const answering = (code: number | null, stdout: string) => async () => ({ code, stdout: Buffer.from(stdout) })
const q = { pidFile: '/var/lib/plexmediaserver/x.pid', port: 32400, verb: 'start' as const, timeoutMs: 4500 }

describe('the wait done by the server (its one answer, checked before use)', () => {
  it('passes the deadline in whole seconds and reads the process and the API answer', async () => {
    const seen: string[][] = []
    const r = await waitOnServer(async (_s, args) => {
      seen.push(args)
      return { code: 0, stdout: Buffer.from('alive 1\n<MediaContainer claimed="0" machineIdentifier="abc"/>\n200') }
    }, q)
    expect(seen).toEqual([['/var/lib/plexmediaserver/x.pid', '32400', 'start', '5']])
    expect(r).toEqual({ processAlive: true, answer: { status: 200, body: '<MediaContainer claimed="0" machineIdentifier="abc"/>' } })
  })

  it('nothing answered (000) is no answer; a stopped process is not alive', async () => {
    expect(await waitOnServer(answering(0, 'alive 0\n\n000'), { ...q, verb: 'stop' })).toEqual({ processAlive: false, answer: null })
  })

  it('no curl on the server (exit 3), or an answer in another form, is null: the caller polls from here', async () => {
    expect(await waitOnServer(answering(3, ''), q)).toBeNull()
    expect(await waitOnServer(answering(0, 'alive yes\n\n200'), q)).toBeNull()
    expect(await waitOnServer(answering(0, 'alive 1\n<x/>\n2000'), q)).toBeNull()
    expect(await waitOnServer(answering(0, 'alive 1'), q)).toBeNull()
  })
})
