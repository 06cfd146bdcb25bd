/** The four values Plex's support article 204281528 removes. Nothing else is ever changed. */
export const SIGN_IN_KEYS = ['PlexOnlineHome', 'PlexOnlineMail', 'PlexOnlineToken', 'PlexOnlineUsername'] as const
export type SignInKey = (typeof SIGN_IN_KEYS)[number]

export const PREFERENCES_FILE = 'Preferences.xml'
export const PMS_DIR = 'Plex Media Server'
export const MACOS_DOMAIN = 'com.plexapp.plexmediaserver'
export const WINDOWS_KEY = 'Software\\Plex, Inc.\\Plex Media Server'
export const PID_FILE = 'plexmediaserver.pid'
