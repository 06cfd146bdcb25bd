/** Every user-facing string, English first; a translation is another file of the same shape. */
export const en = {
  appName: 'Plex Reclaim',
  tagline: 'Get back into your Plex Media Server',
  welcome: {
    title: 'Locked out of your server?',
    body: 'If Plex Web says "You do not have permission to access this server", your server is still signed in with an old account. Plex Reclaim removes that stale sign-in and helps you claim the server again. Your libraries, watch history and settings are kept, and a verified backup is taken first.'
  },
  about: {
    heading: 'About this copy',
    version: 'Version',
    platform: 'Platform',
    runtime: 'Running in',
    runtimes: { electron: 'the desktop app', loopback: 'a browser (loopback bridge)' },
    demo: 'Demo mode: a simulated server in a sandbox. Nothing on this computer is changed.'
  },
  loading: 'Loading…',
  errorTitle: 'Something went wrong'
} as const

export type Messages = typeof en
