import { EventEmitter } from 'node:events'
import type { Client } from 'ssh2'
import { describe, expect, it } from 'vitest'
import { ChannelPool } from './ssh-channels'

/**
 * ssh2 parses every packet of one read in a row: on a busy machine the exec's reply, the exit status
 * and the close arrive together, and the exit status is emitted in the same tick as the exec's
 * callback. A channel's listeners must be on it by then (seen under CI's load as "ended without an
 * exit status" for `kill -0`).
 */
function clientAnsweringAtOnce(code: number, stdout: string): Client {
  return {
    exec(_line: string, cb: (error: Error | undefined, stream: unknown) => void) {
      const stream = Object.assign(new EventEmitter(), { stderr: new EventEmitter(), end: () => undefined, close: () => undefined })
      cb(undefined, stream)
      stream.emit('data', Buffer.from(stdout))
      stream.emit('exit', code)
      setImmediate(() => stream.emit('close'))
    }
  } as unknown as Client
}

describe('a command whose whole answer comes with the exec reply', () => {
  it('is read with its exit status, not taken for a lost channel', async () => {
    const pool = new ChannelPool(clientAnsweringAtOnce(1, 'out'), 'test@host')
    const r = await pool.run('kill -0 999999', undefined, 5_000)
    expect({ code: r.code, stdout: r.stdout.toString(), timedOut: r.timedOut }).toEqual({ code: 1, stdout: 'out', timedOut: false })
  })
})
