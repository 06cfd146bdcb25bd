// Process handling for the systemctl stand-in.
import { readFileSync } from 'node:fs'

/**
 * Whether a process is still running. kill(pid, 0) also succeeds for an exited process nobody has
 * reaped yet; systemd and dockerd reap their children at once, so a zombie counts as gone here.
 */
export function alive(pid) {
  try {
    process.kill(pid, 0)
  } catch (e) {
    return e.code === 'EPERM'
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return true
  }
}

/** SIGTERM, a wait of up to timeoutMs, then SIGKILL: how systemd stops a unit (TimeoutStopSec). */
export async function stopProcess(pid, timeoutMs) {
  if (!pid || !alive(pid)) return
  process.kill(pid, 'SIGTERM')
  const deadline = Date.now() + timeoutMs
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
  if (alive(pid)) process.kill(pid, 'SIGKILL')
}
