import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalHost } from '../host/local'
import { tempDir } from '../../../test/support/temp'
import type { Host } from '../host/types'
import { controlServer, type ServerTarget } from './control'
import { macosControlCommand } from './macos-control'

/**
 * Issue 15 item 9: macOS stop and start run as the user who runs the server, never as root.
 * macOS cannot run here, so `launchctl` and `open`/`osascript` are stand-ins; sudo is the real
 * one (this test runs as root, as Plex Reclaim does under sudo), and the server's user a real
 * system account (nobody). The stand-ins record who ran them.
 */
// Apple's launchctl(1): "asuser UID command [args ...]: This executes the given command in as
// similar an execution context as possible to the target user's bootstrap. ... It does not modify
// the process' credentials (UID, GID, etc.) ... This subcommand requires root privileges."
const LAUNCHCTL = `#!/bin/sh
[ "$1" = asuser ] || { echo "Unrecognized subcommand: $1" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "asuser requires root privileges" >&2; exit 1; }
case $2 in ''|*[!0-9]*) echo "Bad UID: $2" >&2; exit 1;; esac
shift 2
exec "$@"
`
// open(1) on macOS: "open -a APPLICATION" opens the application as the user who runs open;
// osascript(1) runs the AppleScript as the calling user. Each records who ran it.
const recorder = (name: string) => `#!/bin/sh
echo "$(id -un) ${name} $*" >> "$(dirname "$0")/ran.log"
`

const root = process.getuid?.() === 0 && existsSync('/usr/bin/sudo')
describe.skipIf(!root)('macOS start and stop as the server\'s user (stand-ins citing launchctl(1), open(1))', () => {
  let bin: string
  let before: string | undefined
  beforeAll(() => {
    bin = join(tempDir('plex-macos-bin'), 'bin')
    mkdirSync(bin)
    chmodSync(join(bin, '..'), 0o755)
    chmodSync(bin, 0o1777)
    for (const [name, script] of [['launchctl', LAUNCHCTL], ['open', recorder('open')], ['osascript', recorder('osascript')]] as const) {
      writeFileSync(join(bin, name), script)
      chmodSync(join(bin, name), 0o755)
    }
    before = process.env.PATH
    process.env.PATH = `${bin}:${before}`
  })
  afterAll(() => {
    process.env.PATH = before
    rmSync(join(bin, '..'), { recursive: true, force: true })
  })

  const target = (user: string | null): ServerTarget => ({ control: { kind: 'macos-app', user }, pidFile: null, port: 9 })
  const ran = () => (existsSync(join(bin, 'ran.log')) ? readFileSync(join(bin, 'ran.log'), 'utf8') : '')

  it('run as root, the start runs as the user who runs the server (launchctl asuser, sudo -u), never as root', async () => {
    rmSync(join(bin, 'ran.log'), { force: true })
    // Nothing answers on port 9, so the wait after the command times out; the command has run.
    await controlServer(new LocalHost(), target('nobody'), 'start', { timeoutMs: 200, pollMs: 50 }).catch(() => undefined)
    expect(ran()).toBe('nobody open -a Plex Media Server\n')
  })

  it('the stop (osascript ... quit) runs as that user too', async () => {
    rmSync(join(bin, 'ran.log'), { force: true })
    const local = new LocalHost()
    const cmd = await macosControlCommand(local, 'nobody', 'stop')
    expect(cmd.program).toBe('launchctl')
    expect((await local.exec(cmd.program, cmd.args)).exitCode).toBe(0)
    expect(ran()).toBe('nobody osascript -e tell application "Plex Media Server" to quit\n')
  })

  it('run as the server\'s own user: the plain command; as another user: refused, naming who to run it as', async () => {
    // id(1) as another account would answer; the rest of the host is this one.
    const as = (uid: string, name: string): Host => Object.assign(Object.create(new LocalHost()) as Host, {
      exec: async (_: string, args: readonly string[]) => ({ exitCode: 0, stdout: `${args.includes('-un') ? name : uid}\n`, stderr: '', notFound: false, timedOut: false })
    })
    expect(await macosControlCommand(as('501', 'kate'), 'kate', 'start')).toEqual({ program: 'open', args: ['-a', 'Plex Media Server'] })
    await expect(macosControlCommand(as('502', 'sam'), 'kate', 'start')).rejects.toThrow(/runs as kate on this Mac, so it is stopped and started as kate\. Run Plex Reclaim as kate, or with sudo/)
  })
})
