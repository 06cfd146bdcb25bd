import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SIGNED_IN } from '../support/temp'
import { packagedServer, type PackagedServer } from './linux-package'
import { REPO, nspawnUnavailable } from './nspawn'

/**
 * A desktop user (kate, not root) stops the packaged server under real systemd and real polkit
 * (polkitd 122) with no authentication agent: what she sees for each answer polkit gives, for the
 * unit action (org.freedesktop.systemd1.manage-units) and for pkexec (org.freedesktop.policykit.exec).
 */
const unavailable = nspawnUnavailable()
const RULES = 'etc/polkit-1/rules.d/50-plex-reclaim-test.rules'
const MANAGE_UNITS = 'org.freedesktop.systemd1.manage-units'
const EXEC = 'org.freedesktop.policykit.exec'
const INSTEAD = 'sudo systemctl stop plexmediaserver'
/** The .deb's polkit action for the privileged helper, and the exact path it names (issue 23 item 2). */
const HELPER_ACTION = 'io.github.plex_reclaim.helper'
const HELPER = '/opt/Plex Reclaim/resources/bin/plex-reclaim'

describe.skipIf(unavailable !== null)('polkit decides a non-root stop (real polkitd, no agent)', () => {
  let s: PackagedServer
  beforeAll(async () => {
    s = await packagedServer({
      preferences: SIGNED_IN,
      provision: (root) => {
        // The shipped action, installed as the .deb does; at its path a program that only says it ran.
        copyFileSync(join(REPO, 'assets', 'linux', `${HELPER_ACTION}.policy`), join(root, 'usr/share/polkit-1/actions', `${HELPER_ACTION}.policy`))
        mkdirSync(join(root, HELPER, '..'), { recursive: true })
        writeFileSync(join(root, HELPER), '#!/bin/sh\necho "helper ran as $(id -u)"\n')
        chmodSync(join(root, HELPER), 0o755)
      }
    })
    await s.waitForIdentity()
  })
  afterAll(async () => s?.dispose())

  /** Rules for kate: action id -> YES or NO; polkitd is restarted so they apply at once. */
  async function rules(decisions: Record<string, 'YES' | 'NO'>): Promise<void> {
    const path = join(s.root, RULES)
    rmSync(path, { force: true })
    const lines = Object.entries(decisions).map(([id, answer]) => `  if (action.id == "${id}" && subject.user == "kate") return polkit.Result.${answer};`)
    if (lines.length) writeFileSync(path, `polkit.addRule(function(action, subject) {\n${lines.join('\n')}\n});\n`, { mode: 0o644 })
    // Seven restarts within seconds would hit systemd's start rate limit: forget the earlier ones.
    await s.systemctl('reset-failed', 'polkit')
    expect((await s.systemctl('restart', 'polkit')).code).toBe(0)
  }
  const stopAsKate = () => s.cli(['stop', '--timeout', '20'], { user: 'kate' })
  const active = async () => (await s.systemctl('is-active', 'plexmediaserver')).stdout.trim()

  beforeEach(async () => {
    await s.systemctl('start', 'plexmediaserver')
    await s.waitForIdentity()
  })

  it('no rule, no agent: systemd asks for authentication, pkexec cannot prompt; the message says so with the command to run', async () => {
    await rules({})
    const r = await stopAsKate()
    expect(r.stderr).toBe(`plex-reclaim: No password prompt can be shown here (no polkit authentication agent is running; install one such as lxqt-policykit-agent). Or run this in a terminal: ${INSTEAD}\n`)
    expect(r.code).toBe(1)
    expect(await active()).toBe('active')
  })

  it(`${MANAGE_UNITS} denied: the unit action is refused, and pkexec without an agent cannot ask`, async () => {
    await rules({ [MANAGE_UNITS]: 'NO' })
    const r = await stopAsKate()
    expect(r.stderr).toBe(`plex-reclaim: No password prompt can be shown here (no polkit authentication agent is running; install one such as lxqt-policykit-agent). Or run this in a terminal: ${INSTEAD}\n`)
    expect(r.code).toBe(1)
    expect(await active()).toBe('active')
  })

  it(`${MANAGE_UNITS} allowed: systemctl stops it as kate and pkexec is never reached (pkexec is denied here)`, async () => {
    await rules({ [MANAGE_UNITS]: 'YES', [EXEC]: 'NO' })
    const r = await stopAsKate()
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/^Plex Media Server has stopped/)
    expect(r.code).toBe(0)
    expect(await active()).toBe('inactive')
  })

  it(`${EXEC} denied: the user is told she may not, with the command for an administrator`, async () => {
    await rules({ [EXEC]: 'NO' })
    const r = await stopAsKate()
    expect(r.stderr).toBe(`plex-reclaim: Your account is not allowed to control this service. Ask an administrator, or run this in a terminal with sudo: ${INSTEAD}\n`)
    expect(r.code).toBe(1)
    expect(await active()).toBe('active')
  })

  it(`${EXEC} allowed: pkexec runs systemctl as root and the server stops`, async () => {
    await rules({ [EXEC]: 'YES' })
    const r = await stopAsKate()
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(await active()).toBe('inactive')
  })

  /** pkexec of the helper's exact path, from a shell inside (pkexec's parent must be in the container). */
  const helperAsKate = () => s.exec(['sh', '-c', 'pkexec --disable-internal-agent "$0"; exit $?', HELPER], { user: 'kate' })

  it(`the helper's path is decided by ${HELPER_ACTION} (installed from assets/linux), not by ${EXEC}`, async () => {
    const described = await s.exec(['pkaction', '--verbose', '--action-id', HELPER_ACTION])
    expect(described.stdout).toContain(`org.freedesktop.policykit.exec.path -> ${HELPER}`)
    expect(described.stdout).toContain("Plex Reclaim needs to change Plex Media Server's settings")
    await rules({ [HELPER_ACTION]: 'NO', [EXEC]: 'YES' })
    const denied = await helperAsKate()
    expect(denied.stderr).toMatch(/Not authorized/)
    expect(denied.code).toBe(127)
    await rules({ [HELPER_ACTION]: 'YES', [EXEC]: 'NO' })
    const allowed = await helperAsKate()
    expect(allowed.stdout).toBe('helper ran as 0\n')
    expect(allowed.code).toBe(0)
  })
})
