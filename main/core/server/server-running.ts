import type { Host } from '../host/types'

/** The server writes its pid here while it runs; a pid of a live process means "running". */
export async function pidFileNamesLiveProcess(host: Host, pidFile: string | null): Promise<number | null> {
  if (!pidFile) return null
  let text: string
  try {
    text = (await host.readFile(pidFile)).toString('utf8').trim()
  } catch { // no pid file: no pid to check
    return null
  }
  const pid = Number.parseInt(text, 10)
  if (!Number.isSafeInteger(pid) || pid <= 0) return null
  return (await host.processAlive(pid)) ? pid : null
}
