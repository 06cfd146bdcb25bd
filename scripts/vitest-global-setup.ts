import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

/**
 * The simulator and the CLI run as processes in some tests (started by the systemctl, docker and
 * snap stand-ins), so the plain-Node programs are built once before the tests.
 */
export function setup(): void {
  // npm test builds everything first and runs two Vitests side by side: neither rebuilds under the other.
  if (process.env.PLEX_RECLAIM_TEST_BUILT === '1') return
  const root = join(import.meta.dirname, '..')
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', 'vite.node.config.mts', '--logLevel', 'silent'], { cwd: root, stdio: 'inherit' })
}
