import { describe, expect, it } from 'vitest'
import type { CliFlags } from './context'
import { timeoutFlag } from './context'

const flags = (timeout: string): CliFlags => ({ timeout }) as unknown as CliFlags

describe('--timeout', () => {
  it('takes seconds up to what a timer can hold', () => {
    expect(timeoutFlag(flags('90'), 1)).toBe(90_000)
    expect(timeoutFlag(flags('2147483'), 1)).toBe(2_147_483_000)
  })

  it('is a usage error above 2^31 - 1 ms, where Node would fire the timer at once', () => {
    // Node clamps a longer delay to 1 ms, so "wait a very long time" would mean "give up now".
    for (const t of ['2147484', '1e10', 'Infinity']) {
      expect(() => timeoutFlag(flags(t), 1)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/--timeout .*2147483/) }))
    }
  })
})
