import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StepEvent } from '../core/engine/index'
import type { Installation } from '../core/detect/types'
import { tempDir } from '../../test/support/temp'
import { runElevatedReset } from './elevated-run'

/**
 * The app's side of the elevated run, against a stand-in for pkexec (a script; real pkexec under
 * real polkit is test/real/elevated-run.real.test.ts). Its exit codes follow pkexec(1): 126 when
 * the dialog was dismissed, 127 when not authorised or no agent ("No authentication agent found").
 * A cancelled prompt cannot be produced by real polkit without an agent, hence the stand-in.
 */
const installation: Installation = {
  id: 'pms-0123456789ab',
  host: { kind: 'local' },
  platform: 'linux',
  installType: 'linux-package',
  label: 'Plex Media Server (Linux package)',
  labelDetail: { kind: 'type' },
  store: { kind: 'preferences-xml', path: '/var/lib/plexmediaserver/Preferences.xml', dataDir: '/var/lib/plexmediaserver' },
  dataDir: '/var/lib/plexmediaserver',
  pidFile: null,
  control: { kind: 'systemd', unit: 'plexmediaserver' },
  account: null,
  readError: { code: 'NEEDS_PERMISSION', message: '' }
}
const HELPER = '/opt/Plex Reclaim/resources/bin/plex-reclaim'
const INSTEAD = `sudo '${HELPER}' reset --yes --server pms-0123456789ab`

function pkexec(body: string): string {
  const path = join(tempDir('pkexec'), 'pkexec')
  // $@ is logged so the test sees the argument array pkexec got.
  writeFileSync(path, `#!/bin/sh\nprintf '%s\\n' "$@" > "$(dirname "$0")/args"\n${body}\n`, { mode: 0o755 })
  return path
}

const run = (standIn: string, events: StepEvent[] = []) => runElevatedReset({ helper: { path: HELPER }, installation, onStep: (e) => events.push(e), pkexec: standIn })

describe('the elevated run, seen from the app (pkexec stand-in)', () => {
  it('passes pkexec a fixed argument array and maps the helper\'s lines to run events and the result', async () => {
    const line = (o: object) => `echo '${JSON.stringify(o)}'`
    const RUN = '20261129-120000-abcdef'
    const journal = { format: 2, runId: RUN, kind: 'reset', mode: 'service', host: { kind: 'local' }, installationId: installation.id, label: 'x', source: { kind: 'detected' }, store: installation.store, createdAt: '2026-11-29T12:00:00.000Z', updatedAt: '2026-11-29T12:00:00.000Z', completed: [], outcome: 'finished', backupId: RUN }
    const standIn = pkexec([line({ type: 'step', runId: RUN, step: 'stop', status: 'done', message: 'stopped', elapsedMs: 5 }), line({ type: 'result', runId: RUN, outcome: 'finished', removed: ['PlexOnlineToken'], journal, logPath: '/root/l', backupDir: '/root/b' })].join('\n'))
    const events: StepEvent[] = []
    const r = await run(standIn, events)
    expect(events).toEqual([{ runId: RUN, step: 'stop', status: 'done', message: 'stopped', elapsedMs: 5 }])
    expect(r).toMatchObject({ runId: RUN, outcome: 'finished', removed: ['PlexOnlineToken'], logPath: '/root/l' })
    const { readFileSync } = await import('node:fs')
    expect(readFileSync(join(standIn, '..', 'args'), 'utf8')).toBe(['--disable-internal-agent', HELPER, 'elevated-reset', '--server', installation.id, '--file', '/var/lib/plexmediaserver/Preferences.xml', ''].join('\n'))
  })

  it('a dismissed prompt (126) is ELEVATION_CANCELLED with the command to run instead', async () => {
    await expect(run(pkexec('exit 126'))).rejects.toMatchObject({ code: 'ELEVATION_CANCELLED', message: `The password prompt was cancelled, so nothing was done. Try again when you are ready, or run: ${INSTEAD}` })
  })

  it('no agent (127) is NO_POLKIT_AGENT; not authorised (127) is ELEVATION_DENIED', async () => {
    await expect(run(pkexec('echo "Error executing command as another user: No authentication agent found." >&2; exit 127'))).rejects.toMatchObject({ code: 'NO_POLKIT_AGENT', message: expect.stringContaining(INSTEAD) })
    await expect(run(pkexec('echo "Error executing command as another user: Not authorized" >&2; exit 127'))).rejects.toMatchObject({ code: 'ELEVATION_DENIED', message: expect.stringMatching(new RegExp(`${INSTEAD.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)) })
  })

  it("the helper's own error line is the run's error; a bad line refuses the stream", async () => {
    await expect(run(pkexec(`echo '{"type":"error","code":"PREFLIGHT_FAILED","message":"Nothing was changed: no room."}'; exit 1`))).rejects.toMatchObject({ code: 'PREFLIGHT_FAILED', message: 'Nothing was changed: no room.' })
    await expect(run(pkexec(`echo '{"type":"secret","token":"abc"}'`))).rejects.toMatchObject({ code: 'TOOL_FAILED' })
  })

  it('no pkexec at all is ELEVATION_UNAVAILABLE', async () => {
    await expect(run('/nonexistent/pkexec')).rejects.toMatchObject({ code: 'ELEVATION_UNAVAILABLE', message: expect.stringContaining(INSTEAD) })
  })
})
