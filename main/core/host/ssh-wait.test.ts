import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/temp'
import { serverWaiter, WAIT_SCRIPT, waitOnServer } from './ssh-wait'

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
    expect(await waitOnServer(answering(3, ''), q)).toBe('no-curl')
    expect(await waitOnServer(answering(0, 'alive yes\n\n200'), q)).toBeNull()
    expect(await waitOnServer(answering(0, 'alive 1\n<x/>\n2000'), q)).toBeNull()
    expect(await waitOnServer(answering(0, 'alive 1'), q)).toBeNull()
  })

  it('a server without curl is asked once; later looks are polled from here without asking', async () => {
    let asked = 0
    const wait = serverWaiter(async () => (asked++, { code: 3, stdout: Buffer.alloc(0) }))
    expect([await wait(q), await wait(q), asked]).toEqual([null, null, 1])
  })

  it.skipIf(!existsSync('/usr/bin/curl'))('a deadline of 0 is one look under sh, answered without a nap', () => {
    // sleep on PATH records each call; the pid file names this test's own (live) process.
    const dir = tempDir('wait-look')
    const bin = join(dir, 'bin')
    execFileSync('mkdir', [bin])
    for (const tool of ['curl', 'head', 'tr', 'date', 'kill']) symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`]).toString().trim() || `/bin/${tool}`, join(bin, tool))
    writeFileSync(join(bin, 'sleep'), `#!/bin/sh\necho "$@" >> ${join(dir, 'naps')}\n`, { mode: 0o755 })
    writeFileSync(join(dir, 'pid'), `${process.pid}\n`)
    const out = execFileSync('/bin/sh', ['-c', WAIT_SCRIPT, 'sh', join(dir, 'pid'), '9', 'stop', '0'], { env: { PATH: bin } }).toString()
    expect({ out, napped: existsSync(join(dir, 'naps')) }).toEqual({ out: 'alive 1\n\n000', napped: false })
    // With a deadline ahead it naps between looks, a fraction of a second where sleep takes one.
    execFileSync('/bin/sh', ['-c', WAIT_SCRIPT, 'sh', join(dir, 'pid'), '9', 'stop', '1'], { env: { PATH: bin } })
    expect(readFileSync(join(dir, 'naps'), 'utf8').split('\n')[0]).toBe('0.2')
  })
})
