import { afterEach, describe, expect, it, vi } from 'vitest'
import { FrameReader, replySchema, type Reply } from '../core/host/privileged-protocol'
import { runCli } from './run'

/**
 * The privileged helper checks all its arguments before anything happens, and answers only in
 * its frames, even a refusal. On cea9253 `elevated-reset --host …` logged in over SSH before it
 * refused, and --help, --port 0 and unknown flags printed plain text.
 */
async function run(argv: string[], env: { pkexec?: boolean; euid?: number } = {}) {
  const written: Buffer[] = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(Buffer.from(chunk)), true))
  if (env.euid !== undefined) vi.spyOn(process, 'geteuid').mockReturnValue(env.euid)
  if (env.pkexec) vi.stubEnv('PKEXEC_UID', '1000')
  const said: string[] = []
  const code = await runCli(argv, { out: (s) => void said.push(s), err: (s) => void said.push(s) })
  const frames: Reply[] = []
  const reader = new FrameReader(replySchema, (r) => frames.push(r))
  expect(reader.push(Buffer.concat(written))).toBeNull()
  expect(reader.pending).toBe(false)
  return { code, frames, said }
}

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

describe('the privileged helper refuses, in one frame and before any side effect', () => {
  it.each([
    [['privileged-host', '--help']],
    [['privileged-host', '--port', '0']],
    [['privileged-host', '--host', 'root@nas.invalid']],
    [['privileged-host', '--backup-dir', '/etc']],
    [['privileged-host', 'extra']]
  ])('%j', async (argv) => {
    const { code, frames, said } = await run(argv, { euid: 0 })
    expect(code).toBe(2)
    expect(said).toEqual([])
    expect(frames).toEqual([{ type: 'refused', error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^Run by pkexec, plex-reclaim only serves the desktop app .* did nothing\./) } }])
  })

  it.each([[['--help']], [['--version']], [['reset', '--yes']], [['privileged-worker']], [['elevated-reset', '--server', 'pms-0123456789ab']], [[]]])('run by pkexec, %j is refused the same way', async (argv) => {
    const { code, frames, said } = await run(argv, { euid: 0, pkexec: true })
    expect(code).toBe(2)
    expect(said).toEqual([])
    expect(frames).toMatchObject([{ type: 'refused', error: { code: 'INVALID_INPUT' } }])
  })

  it('is root only; a worker is never root', async () => {
    expect((await run(['privileged-host'], { euid: 1000 })).frames).toMatchObject([{ type: 'refused', error: { code: 'ELEVATION_UNAVAILABLE' } }])
    vi.restoreAllMocks()
    expect((await run(['privileged-worker'], { euid: 0 })).frames).toMatchObject([{ type: 'refused', error: { code: 'NOT_PERMITTED' } }])
  })

  it('an ordinary command outside pkexec is untouched (plain text, as before)', async () => {
    const { code, said } = await run(['--version'])
    expect(code).toBe(0)
    expect(said).toHaveLength(1)
  })
})
