import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'plist'
import { describe, expect, it } from 'vitest'
import { LocalHost } from '../host/local'
import { SIGNED_IN, SIGNED_OUT, layOut, tempDir } from '../../../test/support/temp'
import { detectInstallations, inspectPath } from './index'

const host = new LocalHost()
const ASD = 'Library/Application Support/Plex Media Server'
const detect = (root: string) => detectInstallations({ host, root, docker: false })

/** Each install type of plex-domain.md section 1, as files laid out below a temp root. */
const MACHINES: Array<{ type: string; files: Record<string, string>; settings: string; control: object }> = [
  {
    type: 'linux-package',
    files: { 'usr/lib/plexmediaserver/': '', 'lib/systemd/system/plexmediaserver.service': '[Unit]\n', [`var/lib/plexmediaserver/${ASD}/Preferences.xml`]: SIGNED_IN },
    settings: `/var/lib/plexmediaserver/${ASD}/Preferences.xml`,
    control: { kind: 'systemd', unit: 'plexmediaserver' }
  },
  {
    type: 'linux-package',
    files: {
      'usr/lib/plexmediaserver/': '',
      'lib/systemd/system/plexmediaserver.service': '[Unit]\n',
      'etc/systemd/system/plexmediaserver.service.d/override.conf': '[Service]\nEnvironment="PLEX_MEDIA_SERVER_APPLICATION_SUPPORT_DIR=/srv/plex" "TMPDIR=/tmp"\nUser=media\n',
      'srv/plex/Plex Media Server/Preferences.xml': SIGNED_IN
    },
    settings: '/srv/plex/Plex Media Server/Preferences.xml',
    control: { kind: 'systemd', unit: 'plexmediaserver' }
  },
  {
    type: 'linux-sysv',
    files: {
      'usr/lib/plexmediaserver/': '',
      'etc/init.d/plexmediaserver': '#!/bin/sh\n',
      'etc/default/plexmediaserver': 'export PLEX_MEDIA_SERVER_APPLICATION_SUPPORT_DIR="/data/plexdata"\nPLEX_MEDIA_SERVER_USER=plex\n',
      'data/plexdata/Plex Media Server/Preferences.xml': SIGNED_IN
    },
    settings: '/data/plexdata/Plex Media Server/Preferences.xml',
    control: { kind: 'sysv', service: 'plexmediaserver' }
  },
  { type: 'arch', files: { 'var/lib/plex/Plex Media Server/Preferences.xml': SIGNED_IN }, settings: '/var/lib/plex/Plex Media Server/Preferences.xml', control: { kind: 'systemd', unit: 'plexmediaserver' } },
  {
    type: 'arch',
    files: { 'etc/conf.d/plexmediaserver': "PLEX_MEDIA_SERVER_APPLICATION_SUPPORT_DIR='/mnt/media/plex'\n", 'mnt/media/plex/Plex Media Server/Preferences.xml': SIGNED_IN },
    settings: '/mnt/media/plex/Plex Media Server/Preferences.xml',
    control: { kind: 'systemd', unit: 'plexmediaserver' }
  },
  {
    type: 'snap',
    files: { [`var/snap/plexmediaserver/common/${ASD}/Preferences.xml`]: SIGNED_IN },
    settings: `/var/snap/plexmediaserver/common/${ASD}/Preferences.xml`,
    control: { kind: 'snap', snap: 'plexmediaserver' }
  },
  {
    type: 'synology-dsm7',
    files: { 'var/packages/PlexMediaServer/INFO': 'package="PlexMediaServer"\n', 'volume1/PlexMediaServer/AppData/Plex Media Server/Preferences.xml': SIGNED_IN },
    settings: '/volume1/PlexMediaServer/AppData/Plex Media Server/Preferences.xml',
    control: { kind: 'synopkg', pkg: 'PlexMediaServer' }
  },
  {
    type: 'synology-dsm7',
    files: { 'var/packages/PlexMediaServer/shares/PlexMediaServer/AppData/Plex Media Server/Preferences.xml': SIGNED_IN },
    settings: '/var/packages/PlexMediaServer/shares/PlexMediaServer/AppData/Plex Media Server/Preferences.xml',
    control: { kind: 'synopkg', pkg: 'PlexMediaServer' }
  },
  {
    type: 'synology-dsm7-legacy',
    files: { 'var/packages/PlexMediaServer/INFO': '', 'volume2/@apphome/PlexMediaServer/Plex Media Server/Preferences.xml': SIGNED_IN },
    settings: '/volume2/@apphome/PlexMediaServer/Plex Media Server/Preferences.xml',
    control: { kind: 'synopkg', pkg: 'PlexMediaServer' }
  },
  {
    type: 'synology-dsm6',
    files: { 'var/packages/Plex Media Server/INFO': '', [`volume1/Plex/${ASD}/Preferences.xml`]: SIGNED_IN },
    settings: `/volume1/Plex/${ASD}/Preferences.xml`,
    control: { kind: 'synopkg', pkg: 'Plex Media Server' }
  },
  {
    type: 'qnap',
    files: {
      'etc/config/qpkg.conf': '[Other]\nInstall_path = /share/x\n\n[PlexMediaServer]\nName = PlexMediaServer\nInstall_path = /share/CACHEDEV1_DATA/.qpkg/PlexMediaServer\nEnable = TRUE\n',
      'share/CACHEDEV1_DATA/.qpkg/PlexMediaServer/Library/Plex Media Server/Preferences.xml': SIGNED_IN
    },
    settings: '/share/CACHEDEV1_DATA/.qpkg/PlexMediaServer/Library/Plex Media Server/Preferences.xml',
    control: { kind: 'qnap-init', script: '/etc/init.d/plex.sh' }
  },
  {
    // ASUSTOR's App Central package ships a start-stop script (community-sourced path).
    type: 'asustor',
    files: {
      'etc/nas.conf': '[Basic]\nVendor = ASUSTOR\n',
      'volume1/Plex/Library/Plex Media Server/Preferences.xml': SIGNED_IN,
      'usr/local/AppCentral/plexmediaserver/CONTROL/start-stop.sh': '#!/bin/sh\n'
    },
    settings: '/volume1/Plex/Library/Plex Media Server/Preferences.xml',
    control: { kind: 'qnap-init', script: '/usr/local/AppCentral/plexmediaserver/CONTROL/start-stop.sh' }
  },
  {
    type: 'asustor',
    files: { 'etc/nas.conf': '[Basic]\nVendor = ASUSTOR\n', 'volume1/Plex/Library/Plex Media Server/Preferences.xml': SIGNED_IN },
    settings: '/volume1/Plex/Library/Plex Media Server/Preferences.xml',
    control: { kind: 'manual' }
  },
  {
    // NixOS services.plex: unit plex.service, data folder from PLEX_DATADIR (nixpkgs plex.nix).
    type: 'nixos',
    files: {
      'etc/NIXOS': '',
      'etc/systemd/system/plex.service': '[Service]\nEnvironment="PLEX_DATADIR=/srv/plexdata"\nExecStart=/nix/store/x-plex/bin/plexmediaserver\n',
      'srv/plexdata/Plex Media Server/Preferences.xml': SIGNED_IN
    },
    settings: '/srv/plexdata/Plex Media Server/Preferences.xml',
    control: { kind: 'systemd', unit: 'plex' }
  },
  {
    type: 'asustor',
    files: { 'etc/nas.conf': 'Vendor = ASUSTOR\n', [`volume1/Plex/${ASD}/Preferences.xml`]: SIGNED_IN },
    settings: `/volume1/Plex/${ASD}/Preferences.xml`,
    control: { kind: 'manual' }
  },
  {
    type: 'readynas',
    files: { 'apps/plexmediaserver-1.40/MediaLibrary/Plex Media Server/Preferences.xml': SIGNED_IN },
    settings: '/apps/plexmediaserver-1.40/MediaLibrary/Plex Media Server/Preferences.xml',
    control: { kind: 'systemd', unit: 'fvapp-plexmediaserver' }
  },
  {
    type: 'readynas',
    files: { [`c/.plex/${ASD}/Preferences.xml`]: SIGNED_IN },
    settings: `/c/.plex/${ASD}/Preferences.xml`,
    control: { kind: 'systemd', unit: 'fvapp-plexmediaserver' }
  },
  {
    type: 'western-digital',
    files: { 'mnt/HD/HD_a2/Nas_Prog/plex_conf/Plex Media Server/Preferences.xml': SIGNED_IN },
    settings: '/mnt/HD/HD_a2/Nas_Prog/plex_conf/Plex Media Server/Preferences.xml',
    control: { kind: 'manual' }
  },
  {
    type: 'freebsd',
    files: { 'usr/local/plexdata/Plex Media Server/Preferences.xml': SIGNED_IN },
    settings: '/usr/local/plexdata/Plex Media Server/Preferences.xml',
    control: { kind: 'freebsd-rc', service: 'plexmediaserver' }
  },
  {
    type: 'freebsd',
    files: { 'etc/rc.conf': 'plexmediaserver_enable="YES"\nplexmediaserver_support_path="/tank/plex"\n', 'tank/plex/Plex Media Server/Preferences.xml': SIGNED_IN },
    settings: '/tank/plex/Plex Media Server/Preferences.xml',
    control: { kind: 'freebsd-rc', service: 'plexmediaserver' }
  },
  {
    type: 'freebsd',
    files: { 'usr/local/plexdata-plexpass/Plex Media Server/Preferences.xml': SIGNED_IN },
    settings: '/usr/local/plexdata-plexpass/Plex Media Server/Preferences.xml',
    control: { kind: 'freebsd-rc', service: 'plexmediaserver_plexpass' }
  },
  {
    type: 'truenas-jail',
    files: { 'mnt/tank/iocage/jails/plex/root/usr/local/plexdata/Plex Media Server/Preferences.xml': SIGNED_IN },
    settings: '/mnt/tank/iocage/jails/plex/root/usr/local/plexdata/Plex Media Server/Preferences.xml',
    control: { kind: 'iocage', jail: 'plex', service: 'plexmediaserver' }
  },
  {
    type: 'freebsd',
    files: { 'usr/pbi/plexmediaserver-amd64/plexdata/Plex Media Server/Preferences.xml': SIGNED_IN },
    settings: '/usr/pbi/plexmediaserver-amd64/plexdata/Plex Media Server/Preferences.xml',
    control: { kind: 'freebsd-rc', service: 'plexmediaserver' }
  },
  {
    type: 'freebsd',
    files: { 'var/db/plexdata/Plex Media Server/Preferences.xml': SIGNED_IN },
    settings: '/var/db/plexdata/Plex Media Server/Preferences.xml',
    control: { kind: 'freebsd-rc', service: 'plexmediaserver' }
  },
  {
    type: 'truenas-jail',
    files: { 'iocage/jails/plex/root/usr/local/plexdata/Plex Media Server/Preferences.xml': SIGNED_IN },
    settings: '/iocage/jails/plex/root/usr/local/plexdata/Plex Media Server/Preferences.xml',
    control: { kind: 'iocage', jail: 'plex', service: 'plexmediaserver' }
  },
  {
    type: 'truenas-jail',
    files: { 'mnt/tank/iocage/jails/pms/root/Plex Media Server/Preferences.xml': SIGNED_IN },
    settings: '/mnt/tank/iocage/jails/pms/root/Plex Media Server/Preferences.xml',
    control: { kind: 'iocage', jail: 'pms', service: 'plexmediaserver_plexpass' }
  },
  {
    type: 'home-assistant',
    files: { 'usr/share/hassio/addons/data/a0d7b954_plex/Plex Media Server/Preferences.xml': SIGNED_IN },
    settings: '/usr/share/hassio/addons/data/a0d7b954_plex/Plex Media Server/Preferences.xml',
    control: { kind: 'manual' }
  }
]

describe('detection on a laid-out machine', () => {
  for (const m of MACHINES) {
    it(`finds ${m.type} at ${m.settings}`, async () => {
      const root = tempDir()
      layOut(root, m.files)
      const found = await detect(root)
      expect(found).toHaveLength(1)
      expect(found[0]).toMatchObject({
        installType: m.type,
        store: { kind: 'preferences-xml', path: join(root, m.settings) },
        dataDir: join(root, m.settings, '..'),
        control: m.control,
        account: { username: 'kate', maskedEmail: 'k***@example.com', tokenPresent: true, machineIdentifier: '11111111-2222-3333-4444-555555555555' },
        readError: null
      })
      expect(found[0]!.id).toMatch(/^pms-[0-9a-f]{12}$/)
      expect(JSON.stringify(found)).not.toContain('SECRETtoken')
    })
  }

  it('finds a macOS app per user, reading binary and XML plists', async () => {
    const root = tempDir()
    layOut(root, { 'Applications/Plex Media Server.app/Contents/Info.plist': '' })
    mkdirSync(join(root, 'Users/kate/Library/Preferences'), { recursive: true })
    mkdirSync(join(root, 'Users/bob/Library/Preferences'), { recursive: true })
    const { buildBinary } = await import('plist')
    writeFileSync(join(root, 'Users/kate/Library/Preferences/com.plexapp.plexmediaserver.plist'), buildBinary({ PlexOnlineUsername: 'kate', PlexOnlineToken: 'SECRET', MachineIdentifier: 'mac-1' }))
    writeFileSync(join(root, 'Users/bob/Library/Preferences/com.plexapp.plexmediaserver.plist'), build({ MachineIdentifier: 'mac-2' }))
    const found = await detect(root)
    expect(found.map((f) => f.labelDetail)).toEqual([{ kind: 'macos-user', user: 'bob' }, { kind: 'macos-user', user: 'kate' }])
    expect(found.map((f) => [f.installType, f.store, f.control, f.account?.username, f.account?.tokenPresent])).toEqual([
      ['macos-app', { kind: 'macos-defaults', domain: 'com.plexapp.plexmediaserver', user: 'bob' }, { kind: 'macos-app', user: 'bob' }, null, false],
      ['macos-app', { kind: 'macos-defaults', domain: 'com.plexapp.plexmediaserver', user: 'kate' }, { kind: 'macos-app', user: 'kate' }, 'kate', true]
    ])
  })

  it('describes each server without words besides its English label: the wizard words it', async () => {
    const root = tempDir()
    layOut(root, {
      'usr/lib/plexmediaserver/': '',
      'lib/systemd/system/plexmediaserver.service': '[Unit]\n',
      [`var/lib/plexmediaserver/${ASD}/Preferences.xml`]: SIGNED_IN,
      'mnt/tank/iocage/jails/plex/root/usr/local/plexdata/Plex Media Server/Preferences.xml': SIGNED_IN,
      'var/db/plexdata/Plex Media Server/Preferences.xml': SIGNED_IN,
      [`config/${ASD}/Preferences.xml`]: SIGNED_IN
    })
    const found = await detect(root)
    expect(found.map((f) => [f.installType, f.labelDetail, f.label]).sort()).toEqual([
      ['freebsd', { kind: 'freenas-plugin' }, 'Plex Media Server (FreeNAS plugin)'],
      ['linux-package', { kind: 'type' }, 'Plex Media Server (Linux package)'],
      ['truenas-jail', { kind: 'truenas-jail', jail: 'plex' }, 'Plex Media Server (TrueNAS jail plex)']
    ])
    expect((await inspectPath(host, join(root, 'config'))).labelDetail).toEqual({ kind: 'folder', layout: 'config-volume' })
  })

  it('the Snap\'s pid file is plexmediaserver.pid in its application support folder, not in the data folder (PlexDBRepair\'s SNAP branch)', async () => {
    const root = tempDir()
    layOut(root, { [`var/snap/plexmediaserver/common/${ASD}/Preferences.xml`]: SIGNED_IN })
    const [snap] = await detect(root)
    expect(snap?.pidFile).toBe(join(root, 'var/snap/plexmediaserver/common/Library/Application Support/plexmediaserver.pid'))
  })

  it('counts a DSM 7 share and the volume it links to as one server', async () => {
    const root = tempDir()
    layOut(root, { 'volume1/PlexMediaServer/AppData/Plex Media Server/Preferences.xml': SIGNED_IN })
    mkdirSync(join(root, 'var/packages/PlexMediaServer/shares'), { recursive: true })
    symlinkSync(join(root, 'volume1/PlexMediaServer'), join(root, 'var/packages/PlexMediaServer/shares/PlexMediaServer'))
    expect(await detect(root)).toHaveLength(1)
  })

  it('reports an unreadable store with the reason instead of hiding it', async () => {
    const root = tempDir()
    layOut(root, { 'var/lib/plex/Plex Media Server/Preferences.xml': '<Preferences A="1" A="2"/>' })
    const [found] = await detect(root)
    expect(found).toMatchObject({ installType: 'arch', account: null, readError: { code: 'MALFORMED_XML' } })
  })

  it('finds nothing in a root without Plex, nor in Plex client apps\' folders', async () => {
    const root = tempDir()
    layOut(root, {
      'etc/os-release': 'ID=debian\n',
      'home/kate/.local/share/plex/Plex Media Server/Preferences.xml': SIGNED_IN,
      'home/kate/snap/plex/common/Plex Media Server/Preferences.xml': SIGNED_IN,
      'Users/kate/AppData/Local/Plex/Plex Media Server/Preferences.xml': SIGNED_IN,
      'home/kate/.var/app/tv.plex.PlexDesktop/data/plex/Preferences.xml': SIGNED_IN
    })
    expect(await detect(root)).toEqual([])
  })

  it('finds several installations on one machine', async () => {
    const root = tempDir()
    layOut(root, { ...MACHINES[0]!.files, ...MACHINES[5]!.files })
    expect((await detect(root)).map((i) => i.installType).sort()).toEqual(['linux-package', 'snap'])
  })
})

// Containers are detected from their mounts under a real dockerd: test/real/docker.real.test.ts.
describe('Docker containers', () => {
  it('reports nothing, and no error, when the Docker daemon cannot be reached (the real docker CLI)', async () => {
    const saved = process.env.DOCKER_HOST
    process.env.DOCKER_HOST = `unix://${join(tempDir(), 'absent.sock')}`
    try {
      expect(await detectInstallations({ host, root: tempDir(), docker: true })).toEqual([])
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST
      else process.env.DOCKER_HOST = saved
    }
  })
})

describe('a folder or file the user points at', () => {
  it.each([
    ['a linuxserver /config volume', `Library/Application Support/Plex Media Server/Preferences.xml`],
    ['a hotio /config volume', 'Preferences.xml'],
    ['a binhex /config volume', 'Plex Media Server/Preferences.xml'],
    ['a QNAP Library folder', 'Library/Plex Media Server/Preferences.xml']
  ])('finds the settings in %s', async (_name, below) => {
    const root = tempDir()
    layOut(root, { [below]: SIGNED_IN })
    const found = await inspectPath(host, root)
    expect(found).toMatchObject({ installType: 'folder', store: { path: join(root, below) }, account: { username: 'kate' } })
  })

  it('takes a Preferences.xml directly', async () => {
    const root = tempDir()
    layOut(root, { 'nas/Preferences.xml': SIGNED_OUT })
    expect(await inspectPath(host, join(root, 'nas/Preferences.xml'))).toMatchObject({ account: { tokenPresent: false, username: null } })
  })

  it('refuses the Plex desktop app\'s folder', async () => {
    await expect(inspectPath(host, 'C:\\Users\\kate\\AppData\\Local\\Plex\\Plex Media Server\\Preferences.xml')).rejects.toMatchObject({ code: 'NOT_A_SETTINGS_FILE' })
  })

  it('says what to do when nothing is there', async () => {
    await expect(inspectPath(host, tempDir())).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/Point at the file itself/) })
  })
})
