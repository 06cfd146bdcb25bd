import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Per-user backup folder: backups hold credentials, so they never go anywhere shared. Only
 * --backup-dir changes it; no environment variable does (PLEX_RECLAIM_BACKUP_DIR is not read).
 */
export function defaultBackupDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir()
): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'Plex Reclaim', 'backups')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Plex Reclaim', 'backups')
  return join(env.XDG_STATE_HOME || join(home, '.local', 'state'), 'plex-reclaim', 'backups')
}

/** Inside the checked backup folder (folder-trust.ts), never beside it where others might write. */
export const KNOWN_HOSTS_FILE = 'known_hosts.json'
export const CLIENT_ID_FILE = 'client-id'
export const knownHostsPathIn = (backupDir: string): string => join(backupDir, KNOWN_HOSTS_FILE)
export const clientIdPathIn = (backupDir: string): string => join(backupDir, CLIENT_ID_FILE)
