import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { tempDir } from '../../test/support/temp'
import { LocalHost } from '../core/host/local'
import { privilegedHost } from './elevated-run'

/**
 * The app's side of the privileged helper, against stand-ins for pkexec (real pkexec under real
 * polkit is test/real/elevated-run.real.test.ts). Exit codes follow pkexec(1): 126 when the dialog
 * was dismissed, 127 when not authorised or no agent. About 2 s (two helpers start).
 */
const HELPER = '/opt/Plex Reclaim/resources/bin/plex-reclaim'
const INSTEAD = `sudo '${HELPER}' reset --yes --server pms-0123456789ab`
const DATA = '/var/lib/plexmediaserver/Library/Application Support/Plex Media Server'
const ROOT = join(import.meta.dirname, '..', '..')

function pkexec(body: string): { path: string; calls: () => string[] } {
  const dir = tempDir('pkexec')
  const path = join(dir, 'pkexec')
  // Each call's argument array, one per line, so the test sees exactly what pkexec got.
  writeFileSync(path, `#!/bin/sh\nprintf '%s|' "$@" >> "$(dirname "$0")/calls"\necho >> "$(dirname "$0")/calls"\n${body}\n`, { mode: 0o755 })
  const calls = () => (existsSync(join(dir, 'calls')) ? readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n') : [])
  return { path, calls }
}

const hostWith = (standIn: string, helper = HELPER) => {
  const h = privilegedHost(new LocalHost(), { helper: { path: helper }, installationId: 'pms-0123456789ab', pkexec: standIn })
  h.addRoot(DATA)
  return h
}

afterEach(() => vi.unstubAllEnvs())

describe('the privileged host, seen from the app (pkexec stand-ins)', () => {
  it('starts pkexec once, with a fixed argument array; a dismissed prompt (126) is ELEVATION_CANCELLED, and the use case does not ask again', async () => {
    const p = pkexec('exit 126')
    const h = hostWith(p.path)
    await expect(h.readFile(`${DATA}/Preferences.xml`)).rejects.toMatchObject({ code: 'ELEVATION_CANCELLED', message: `The password prompt was cancelled, so nothing was done. Try again when you are ready, or run: ${INSTEAD}` })
    await expect(h.stat(`${DATA}/Preferences.xml`)).rejects.toMatchObject({ code: 'ELEVATION_CANCELLED' })
    expect(p.calls()).toEqual([`--disable-internal-agent|${HELPER}|privileged-host|`])
    // Paths outside the installation and other programs never reach the helper.
    expect(await h.stat('/nonexistent/x')).toBeNull()
    h.retry()
    await expect(h.stat(`${DATA}/Preferences.xml`)).rejects.toMatchObject({ code: 'ELEVATION_CANCELLED' })
    expect(p.calls()).toHaveLength(2)
    await h.dispose()
  })

  it('no agent (127) is NO_POLKIT_AGENT; not authorised (127) is ELEVATION_DENIED; no pkexec is ELEVATION_UNAVAILABLE', async () => {
    await expect(hostWith(pkexec('echo "Error executing command as another user: No authentication agent found." >&2; exit 127').path).readFile(`${DATA}/Preferences.xml`)).rejects.toMatchObject({ code: 'NO_POLKIT_AGENT', message: expect.stringContaining(INSTEAD) })
    await expect(hostWith(pkexec('echo "Error executing command as another user: Not authorized" >&2; exit 127').path).exec('systemctl', ['stop', 'plexmediaserver'])).rejects.toMatchObject({ code: 'ELEVATION_DENIED', message: expect.stringMatching(/reset --yes --server pms-0123456789ab$/) })
    await expect(hostWith('/nonexistent/pkexec').readFile(`${DATA}/Preferences.xml`)).rejects.toMatchObject({ code: 'ELEVATION_UNAVAILABLE', message: expect.stringContaining(INSTEAD) })
  })

  it('a helper that says anything but frames is stopped: TOOL_FAILED', async () => {
    await expect(hostWith(pkexec('echo "Usage: plex-reclaim COMMAND"; sleep 5').path).readFile(`${DATA}/Preferences.xml`)).rejects.toMatchObject({ code: 'TOOL_FAILED', message: expect.stringContaining('could not be read') })
  })

  it('the real helper (the built CLI, through the pkexec stand-in) refuses what is outside the installations it found itself', async () => {
    vi.stubEnv('STANDIN_POLKIT', 'allow')
    const dir = tempDir('helper')
    const helper = join(dir, 'plex-reclaim')
    writeFileSync(helper, `#!/bin/sh\nexec '${process.execPath}' '${join(ROOT, 'out', 'node', 'cli.js')}' "$@"\n`, { mode: 0o755 })
    const standIn = join(dir, 'pkexec')
    writeFileSync(standIn, `#!/bin/sh\nexec '${process.execPath}' '${join(ROOT, 'test', 'standins', 'pkexec.mjs')}' "$@"\n`, { mode: 0o755 })
    const h = privilegedHost(new LocalHost(), { helper: { path: helper }, installationId: 'pms-0123456789ab', pkexec: standIn })
    h.addRoot('/etc')
    await expect(h.readFile('/etc/shadow')).rejects.toMatchObject({ code: 'NOT_PERMITTED', message: '/etc/shadow is outside the Plex Media Server installations that Plex Reclaim\'s privileged helper found on this computer, so it was refused.' })
    await expect(h.exec('systemctl', ['stop', 'ssh'])).rejects.toMatchObject({ code: 'NOT_PERMITTED' })
    await expect(h.writeFileAtomic('/etc/x', Buffer.from('x'))).rejects.toMatchObject({ code: 'NOT_PERMITTED' })
    expect(h.started).toBe(true)
    await h.dispose()
  })
})
