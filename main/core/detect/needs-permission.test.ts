import { chmodSync, chownSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LocalHost } from '../host/local'
import type { ReadOptions } from '../host/types'
import { SIGNED_IN, layOut, tempDir } from '../../../test/support/temp'
import { detectInstallations } from './index'

const ASD = 'Library/Application Support/Plex Media Server'
const PREFS = `var/lib/plexmediaserver/${ASD}/Preferences.xml`

/**
 * This computer as a desktop user (uid 1000) sees Plex's .deb: Preferences.xml plex:plex 0600.
 * The tests run as root, so the kernel's refusal is played by the host: EACCES on that read, the
 * file's real owner (uid 999) from stat. What root's helper does with it is tested for real in
 * test/real/elevated-run.real.test.ts.
 */
class DesktopUserHost extends LocalHost {
  constructor(private readonly denied: (path: string) => boolean) {
    super()
  }
  override readFile(path: string, options?: ReadOptions): Promise<Buffer> {
    if (this.denied(path)) return Promise.reject(Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' }))
    return super.readFile(path, options)
  }
}

afterEach(() => vi.restoreAllMocks())

describe('detection of a settings file another user owns', () => {
  it('says it needs permission (never "not signed in"), with who owns it and what the reset does', async () => {
    const root = tempDir()
    layOut(root, { 'usr/lib/plexmediaserver/': '', 'lib/systemd/system/plexmediaserver.service': '[Unit]\n', [PREFS]: SIGNED_IN })
    const file = `${root}/${PREFS}`
    chownSync(file, 999, 999)
    chmodSync(file, 0o600)
    vi.spyOn(process, 'geteuid').mockReturnValue(1000)
    const [found] = await detectInstallations({ host: new DesktopUserHost((p) => p.endsWith('Preferences.xml')), root, docker: false })
    expect(found!.installType).toBe('linux-package')
    expect(found!.account).toBeNull()
    expect(found!.readError).toEqual({
      code: 'NEEDS_PERMISSION',
      message: `${file} exists, but it belongs to another user (uid 999) and this user may not read it. Who is signed in can be seen once you give permission: the reset asks for your password once, or run it in a terminal with sudo (sudo plex-reclaim reset --yes).`
    })
  })

  it('a file of our own that cannot be read stays PERMISSION_DENIED (root cannot help a chmod 000 of our own)', async () => {
    const root = tempDir()
    layOut(root, { 'usr/lib/plexmediaserver/': '', 'lib/systemd/system/plexmediaserver.service': '[Unit]\n', [PREFS]: SIGNED_IN })
    const file = `${root}/${PREFS}`
    chownSync(file, 1000, 1000)
    vi.spyOn(process, 'geteuid').mockReturnValue(1000)
    const [found] = await detectInstallations({ host: new DesktopUserHost((p) => p.endsWith('Preferences.xml')), root, docker: false })
    expect(found!.readError?.code).toBe('PERMISSION_DENIED')
  })
})
