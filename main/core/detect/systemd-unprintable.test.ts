import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalHost } from '../host/local'
import type { Host } from '../host/types'
import { tempDir } from '../../../test/support/temp'
import { unitEnvironment } from './systemd-env'

/**
 * Issue 25 item 7: systemd 239 (RHEL 8) prints an Environment= entry holding a space as
 * `[unprintable]` in `systemctl show` (src/shared/bus-util.c, bus_print_property: "This property
 * has multiple space-separated values, so neither spaces nor newlines can be allowed in a value";
 * such a value is printed as "[unprintable]"); 252 (Debian 12, tested for real in
 * test/real/systemd.real.test.ts) quotes it. Then the unit and its drop-ins are read instead.
 * The machine is a folder here; systemctl answers as 239 does.
 */
const DIR = 'PLEX_MEDIA_SERVER_APPLICATION_SUPPORT_DIR'

function machine(show: string): Host {
  const root = tempDir('plex-rhel8')
  mkdirSync(join(root, 'run/systemd/system'), { recursive: true })
  mkdirSync(join(root, 'etc/systemd/system/plexmediaserver.service.d'), { recursive: true })
  mkdirSync(join(root, 'usr/lib/systemd/system'), { recursive: true })
  writeFileSync(join(root, 'usr/lib/systemd/system/plexmediaserver.service'), `[Service]\nEnvironment="${DIR}=/var/lib/plexmediaserver/Library/Application Support"\nUser=plex\n`)
  writeFileSync(join(root, 'etc/systemd/system/plexmediaserver.service.d/override.conf'), `[Service]\nEnvironment="${DIR}=/srv/plex data/Library/Application Support"\n`)
  const local = new LocalHost()
  const at = (p: string): string => join(root, p)
  return Object.assign(Object.create(local) as Host, {
    lstat: (p: string) => local.lstat(at(p)),
    readdir: (p: string) => local.readdir(at(p)),
    readFile: (p: string) => local.readFile(at(p)),
    exec: async (program: string, args: readonly string[]) =>
      program === 'systemctl' && args[0] === 'show' ? { exitCode: 0, stdout: show, stderr: '', notFound: false, timedOut: false } : local.exec(program, args)
  })
}

describe('systemctl show printing [unprintable] (systemd 239)', () => {
  it('the unit and its drop-ins are read instead: the relocated folder with a space is found', async () => {
    const host = machine(`LoadState=loaded\nEnvironment=LANG=C [unprintable]\nEnvironmentFiles=\n`)
    expect(await unitEnvironment(host, '/', 'plexmediaserver', DIR)).toBe('/srv/plex data/Library/Application Support')
  })

  it('systemd 252\'s quoted answer is still taken from systemd itself', async () => {
    const host = machine(`LoadState=loaded\nEnvironment=LANG=C "${DIR}=/from systemd/Application Support"\nEnvironmentFiles=\n`)
    expect(await unitEnvironment(host, '/', 'plexmediaserver', DIR)).toBe('/from systemd/Application Support')
  })
})
