import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI } from '../support/linux-server'
import { SIGNED_IN, SIGNED_OUT } from '../support/temp'
import { idsOf, packagedServer, type PackagedServer } from './linux-package'
import { nspawnUnavailable } from './nspawn'
import { run } from './processes'

/**
 * A relocated data folder (issue 15, item 8) under real systemd: two drop-ins set
 * PLEX_MEDIA_SERVER_APPLICATION_SUPPORT_DIR, one in /etc and one in /usr/lib; systemd applies them
 * by file name across both folders, so the last name wins, wherever it lives. /etc/default is not
 * read by the .deb's unit. Each of those places holds a Preferences.xml; only one is the server's.
 */
const unavailable = nspawnUnavailable()
const ASD_ENV = 'PLEX_MEDIA_SERVER_APPLICATION_SUPPORT_DIR'
const REAL = '/srv/last/Plex Media Server/Preferences.xml'

function place(root: string, dir: string, uid: number, gid: number): void {
  mkdirSync(join(root, dir, 'Plex Media Server'), { recursive: true })
  for (const d of [dir, join(dir, 'Plex Media Server')]) chownSync(join(root, d), uid, gid)
  const file = join(root, dir, 'Plex Media Server', 'Preferences.xml')
  writeFileSync(file, SIGNED_IN)
  chownSync(file, uid, gid)
  chmodSync(file, 0o600)
}

describe.skipIf(unavailable !== null)('a data folder relocated by drop-ins (real systemd)', () => {
  let s: PackagedServer
  beforeAll(async () => {
    s = await packagedServer({
      preferences: SIGNED_IN,
      provision: (root) => {
        const { uid, gid } = idsOf(root, 'plex')
        for (const dir of ['/srv/first', '/srv/last', '/srv/default']) place(root, dir, uid, gid)
        const dropIn = (dir: string, name: string, value: string) => {
          mkdirSync(join(root, dir, 'plexmediaserver.service.d'), { recursive: true })
          writeFileSync(join(root, dir, 'plexmediaserver.service.d', name), `[Service]\nEnvironment="${ASD_ENV}=${value}"\n`)
        }
        dropIn('etc/systemd/system', '10-first.conf', '/srv/first')
        dropIn('usr/lib/systemd/system', '90-last.conf', '/srv/last')
        writeFileSync(join(root, 'etc/default/plexmediaserver'), `${ASD_ENV}="/srv/default"\n`)
      }
    })
    await s.waitForIdentity()
  })
  afterAll(async () => s?.dispose())

  it('systemd itself applies the last drop-in by name', async () => {
    expect((await s.systemctl('show', 'plexmediaserver', '-p', 'Environment')).stdout).toContain(`${ASD_ENV}=/srv/last`)
    expect((await s.exec(['ls', '/srv/last/Plex Media Server'])).stdout).toContain('plexmediaserver.pid')
  })

  it('detection on the running machine asks systemd and finds the server\'s folder', async () => {
    const r = await s.cli(['detect', '--json'])
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toMatchObject([{ installType: 'linux-package', store: { path: REAL } }])
  })

  it('detection under --root reads the unit and its drop-ins in systemd\'s order', async () => {
    const r = await run(process.execPath, [CLI, 'detect', '--root', s.root, '--json'], { env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent.sock' } })
    expect(r.stderr).toBe('')
    const [found] = JSON.parse(r.stdout) as Array<{ store: { path: string } }>
    expect(found!.store.path).toBe(join(s.root, REAL))
  })

  it('the reset edits the folder the server uses, and only that one', async () => {
    const r = await s.cli(['reset', '--yes', '--timeout', '20'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const read = (p: string) => run('cat', [join(s.root, p)]).then((x) => x.stdout)
    expect(await read(REAL)).toBe(SIGNED_OUT)
    for (const other of ['/srv/first', '/srv/default', '/var/lib/plexmediaserver/Library/Application Support']) expect(await read(`${other}/Plex Media Server/Preferences.xml`)).toBe(SIGNED_IN)
  })
})
