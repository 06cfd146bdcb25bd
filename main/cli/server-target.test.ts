import { describe, expect, it } from 'vitest'
import { LocalHost } from '../core/host/local'
import type { CliContext, CliFlags } from './context'
import { timeoutOf } from './server-target'

const ctxWith = (timeout: string): CliContext => {
  const host = new LocalHost()
  return { args: [], flags: { timeout } as unknown as CliFlags, host, local: host, out: () => undefined }
}

describe('--timeout', () => {
  it('takes seconds up to what a timer can hold', () => {
    expect(timeoutOf(ctxWith('90'), 1)).toBe(90_000)
    expect(timeoutOf(ctxWith('2147483'), 1)).toBe(2_147_483_000)
  })

  it('is a usage error above 2^31 - 1 ms, where Node would fire the timer at once', () => {
    // Node clamps a longer delay to 1 ms, so "wait a very long time" would mean "give up now".
    for (const t of ['2147484', '1e10', 'Infinity']) {
      expect(() => timeoutOf(ctxWith(t), 1)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/--timeout .*2147483/) }))
    }
  })
})
