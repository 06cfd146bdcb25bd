import type { ServerControl } from '../detect/types'
import type { Host } from '../host/types'
import { CoreError } from '../result'

/** The server's process name per platform (Plex's installers; plex-domain.md). */
const WINDOWS_IMAGE = 'Plex Media Server.exe'
const MACOS_NAME = 'Plex Media Server'

/**
 * Whether Plex Media Server's process is still there where no pid file names it (Windows, macOS):
 * a server that closed its port may still be writing its settings on the way out. null when this
 * kind of install is not checked this way, or the tool gave no answer (then the port decides).
 */
export async function plexProcessRunning(host: Host, control: ServerControl): Promise<boolean | null> {
  if (control.kind === 'windows-tray' || control.kind === 'windows-service') {
    // tasklist /fi "IMAGENAME eq NAME" /fo csv /nh prints one quoted CSV line per process
    // (learn.microsoft.com, windows-commands/tasklist); only the image name column is read,
    // never the localised "no tasks" text.
    const r = await host.exec('tasklist', ['/fi', `IMAGENAME eq ${WINDOWS_IMAGE}`, '/fo', 'csv', '/nh'], { timeoutMs: 10_000 })
    if (r.exitCode !== 0) return null
    return r.stdout.split(/\r?\n/).some((l) => l.trim().toLowerCase().startsWith(`"${WINDOWS_IMAGE.toLowerCase()}",`))
  }
  if (control.kind === 'macos-app') {
    // pgrep(1): exit 0 when a process matched, 1 when none, 2 or 3 on an error.
    const r = await host.exec('pgrep', ['-x', ...(control.user ? ['-u', control.user] : []), MACOS_NAME], { timeoutMs: 10_000 })
    return r.exitCode === 0 ? true : r.exitCode === 1 ? false : null
  }
  return null
}

/** The check right before the edit: refuses while the process is still there. */
export async function assertPlexProcessGone(host: Host, control: ServerControl): Promise<void> {
  if (await plexProcessRunning(host, control)) {
    throw new CoreError('SERVER_RUNNING', 'Plex Media Server is still running (its process has not exited yet). Nothing was changed. Wait until it has quit, then try again.')
  }
}
