import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A signed-in Preferences.xml as Plex writes it: one line, no final newline. The token is fake. */
export const DEMO_PREFERENCES =
  '<?xml version="1.0" encoding="utf-8"?>\n' +
  '<Preferences OldestPreviousVersion="1.41.3.9314-a0bfb8370" MachineIdentifier="5b1f2e1a-9c3d-4e55-8f00-3a6d2c1b7e90" ' +
  'ProcessedMachineIdentifier="8d2c0f4b5e6a7c8d9e0f1a2b3c4d5e6f7a8b9c0d" AnonymousMachineIdentifier="0c7d1e2f-3a4b-4c5d-9e6f-7a8b9c0d1e2f" ' +
  'MetricsEpoch="1" AcceptedEULA="1" FriendlyName="Living Room Server" PublishServerOnPlexOnlineKey="1" ' +
  'PlexOnlineHome="1" PlexOnlineMail="kate.old@example.com" PlexOnlineToken="DEMOtokenXy7Qp2Lm9Rs4" PlexOnlineUsername="kate_old" ' +
  'LanguageInCloud="1" DlnaEnabled="0" TranscoderTempDirectory="/transcode"/>'

export const DEMO_DATA_DIR = '/var/lib/plexmediaserver/Library/Application Support/Plex Media Server'

export interface DemoSandbox {
  readonly root: string
  readonly backupDir: string
  readonly preferencesPath: string
  cleanup(): Promise<void>
}

/** Lays out a Linux machine with a Plex .deb install in a temp folder; the real system is never touched. */
export async function createDemoSandbox(): Promise<DemoSandbox> {
  const root = await fs.mkdtemp(join(tmpdir(), 'plex-reclaim-demo-'))
  const dataDir = join(root, DEMO_DATA_DIR)
  await fs.mkdir(dataDir, { recursive: true })
  await fs.mkdir(join(root, 'usr/lib/plexmediaserver'), { recursive: true })
  await fs.mkdir(join(root, 'lib/systemd/system'), { recursive: true })
  await fs.writeFile(join(root, 'lib/systemd/system/plexmediaserver.service'), '[Unit]\nDescription=Plex Media Server\n')
  const preferencesPath = join(dataDir, 'Preferences.xml')
  await fs.writeFile(preferencesPath, DEMO_PREFERENCES)
  return {
    root,
    backupDir: join(root, 'backups'),
    preferencesPath,
    cleanup: () => fs.rm(root, { recursive: true, force: true })
  }
}
