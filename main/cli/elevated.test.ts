import { afterEach, describe, expect, it, vi } from 'vitest'
import { HelperLineReader, type HelperLine } from '../app/elevated-lines'
import { runCli } from './run'

/** The helper's stdout is JSON lines only, even when it refuses: the app's reader takes each line. */
async function helper(...argv: string[]) {
  const out: string[] = []
  const code = await runCli(['elevated-reset', ...argv], { out: (s) => void out.push(s), err: () => undefined })
  const lines: HelperLine[] = []
  const reader = new HelperLineReader((l) => lines.push(l))
  expect(reader.push(out.map((l) => `${l}\n`).join('')) ?? reader.end()).toBeNull()
  return { code, lines }
}

afterEach(() => vi.restoreAllMocks())

describe('elevated-reset (the privileged helper) refuses anything but its fixed flags, as one error line', () => {
  it.each([
    [['--server', 'pms-0123456789ab', '--backup-dir', '/tmp/elsewhere']],
    [['--server', 'pms-0123456789ab', '--root', '/tmp/fake-root']],
    [['--server', 'pms-0123456789ab', '--force']],
    [['--server', 'pms-0123456789ab', '--port', '1']],
    [['--server', 'pms-0123456789ab', 'extra']],
    [['--file', '/etc/shadow']]
  ])('%j', async (argv) => {
    vi.spyOn(process, 'geteuid').mockReturnValue(0)
    const { code, lines } = await helper(...argv)
    expect(code).toBe(1)
    expect(lines).toEqual([{ type: 'error', code: 'INVALID_INPUT', message: 'elevated-reset takes only --server ID and --file PATH (the desktop app passes them). Nothing was changed.' }])
  })

  it('is run as root only (pkexec); a user is told to use sudo with the CLI\'s reset', async () => {
    vi.spyOn(process, 'geteuid').mockReturnValue(1000)
    const { code, lines } = await helper('--server', 'pms-0123456789ab')
    expect(code).toBe(1)
    expect(lines).toEqual([{ type: 'error', code: 'ELEVATION_UNAVAILABLE', message: 'elevated-reset is run as root by Plex Reclaim (through pkexec). In a terminal, run "sudo plex-reclaim reset --yes" instead.' }])
  })
})
