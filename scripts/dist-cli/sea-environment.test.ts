import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../test/support/temp'
import { FrameReader, replySchema, type Reply } from '../../main/core/host/privileged-protocol'
import { appVersion, buildCli } from './built'

// Issue 23 item 2: the single executable (also the desktop app's privileged helper) runs no code
// named by the environment: built with "execArgvExtension": "none", it ignores NODE_OPTIONS, which
// sudo -E would keep. And run by pkexec, it answers only in frames. A few seconds once dist/cli is built.
const linux = process.platform === 'linux' && process.arch === 'x64'

describe.skipIf(!linux)('the Linux x64 single executable and its environment', () => {
  let exe: string
  let dir: string
  beforeAll(() => {
    exe = buildCli().file('linux-x64')
    dir = tempDir('sea-env')
  }, 600_000)

  const run = (args: string[], env: Record<string, string>) => spawnSync(exe, args, { cwd: dir, env: { PATH: '/usr/bin:/bin', ...env }, encoding: 'buffer', timeout: 60_000, input: '' })

  it('NODE_OPTIONS=--require … is ignored: the named script never runs', () => {
    const marker = join(dir, 'ran')
    const script = join(dir, 'inject.js')
    writeFileSync(script, `require('fs').writeFileSync(${JSON.stringify(marker)}, 'injected')\n`)
    // The same script does run under plain node: the test would see it.
    spawnSync(process.execPath, ['-e', '0'], { env: { NODE_OPTIONS: `--require ${script}` } })
    expect(existsSync(marker)).toBe(true)
    rmSync(marker)
    const r = run(['--version'], { NODE_OPTIONS: `--require ${script}` })
    expect(r.stdout.toString('utf8')).toBe(`${appVersion()}\n`)
    expect(r.status).toBe(0)
    expect(existsSync(marker)).toBe(false)
  })

  it('run by pkexec (PKEXEC_UID set) with --help, it answers one refusal frame and nothing else', () => {
    const r = run(['--help'], { PKEXEC_UID: '1000' })
    const frames: Reply[] = []
    const reader = new FrameReader(replySchema, (f) => frames.push(f))
    expect(reader.push(r.stdout)).toBeNull()
    expect(reader.pending).toBe(false)
    expect(frames).toMatchObject([{ type: 'refused', error: { code: 'INVALID_INPUT' } }])
    expect(r.stderr.toString('utf8')).toBe('')
    expect(r.status).toBe(2)
  })

  it('privileged-host --host …: refused in one frame before anything happens (on cea9253 elevated-reset looked for SSH keys and made root\'s backup folder first)', () => {
    const home = tempDir('sea-home')
    const r = run(['privileged-host', '--host', 'root@127.0.0.1:1'], { HOME: home })
    const frames: Reply[] = []
    expect(new FrameReader(replySchema, (f) => frames.push(f)).push(r.stdout)).toBeNull()
    expect(frames).toMatchObject([{ type: 'refused', error: { code: 'INVALID_INPUT' } }])
    expect(r.status).toBe(2)
    expect(readdirSync(home)).toEqual([])
  })
})
