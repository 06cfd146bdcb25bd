import { readIdentity } from '../../main/core/server/identity'

/**
 * Waits for a condition, polling, and fails the test by name when it never holds: a wait that runs
 * out never falls through to assertions that would then pass or fail for the wrong reason.
 */
export async function until(what: string, check: () => boolean | Promise<boolean>, { timeoutMs = 10_000, intervalMs = 10 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs / 1000} s for ${what}; it never happened.`)
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}

/** The simulated server answers /identity on its port. */
export const serverAnswers = (port: number, timeoutMs = 10_000): Promise<void> => until(`the server on port ${port} to answer`, async () => (await readIdentity(port)) !== null, { timeoutMs })
