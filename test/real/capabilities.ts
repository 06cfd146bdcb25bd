import { readFileSync } from 'node:fs'

/**
 * A file's reason to skip, said once in its output (a skipped describe does not say why), and
 * returned: `describe.skipIf(skipping('the real systemd tests', reason) !== null)`.
 */
export function skipping(what: string, reason: string | null): string | null {
  if (reason !== null) console.warn(`Skipping ${what}: ${reason}`)
  return reason
}

/** CAP_SYS_ADMIN's bit in /proc/self/status's CapEff (linux/capability.h). */
const CAP_SYS_ADMIN = 21n

/**
 * Why mounts (overlay, tmpfs, bind) and namespaces cannot be made here, or null when they can:
 * root alone is not enough in an unprivileged container (a GitHub Actions job container without
 * --privileged), where mount fails with EPERM. Checked from the process's own capabilities, so a
 * real-part test skips with this reason instead of failing at its first mount.
 */
export function mountUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'needs root (mounts and namespaces)'
  let status: string
  try {
    status = readFileSync('/proc/self/status', 'utf8')
  } catch {
    return 'cannot read /proc/self/status to check for CAP_SYS_ADMIN'
  }
  return mountUnavailableFor(status)
}

/** The same answer from a /proc/PID/status text (test/real/ci-container.real.test.ts reads a container's). */
export function mountUnavailableFor(status: string): string | null {
  const eff = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1]
  if (eff === undefined) return 'no CapEff in /proc/self/status'
  return (BigInt(`0x${eff}`) >> CAP_SYS_ADMIN) & 1n ? null : 'runs without CAP_SYS_ADMIN (an unprivileged container): mounts are refused; run the job privileged or on a VM'
}
