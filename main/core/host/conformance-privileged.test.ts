import { realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { privilegedInProcess } from '../../../test/support/privileged-in-process'
import { hostConformance } from './conformance'
import { useOwnerWorkers } from './privileged-owner'

/**
 * The third host of the contract: the privileged host (the desktop's pkexec'd helper) over its
 * real frames and routing, served in this process with the temp folder as its scope; owner
 * workers are the built CLI (npm run build:node, which the test project's global setup runs).
 * The real helper under real pkexec is test/real/elevated-run.real.test.ts.
 */
if (process.geteuid?.() === 0) {
  hostConformance(
    'PrivilegedHost (the helper in this process)',
    async () => {
      useOwnerWorkers([process.execPath, join(import.meta.dirname, '..', '..', '..', 'out', 'node', 'cli.js')])
      const { host, dispose } = privilegedInProcess({ roots: [realpathSync(tmpdir())], commands: [] })
      return {
        host,
        dispose: () => {
          dispose()
          useOwnerWorkers(null)
        }
      }
    },
    { unprivileged: false }
  )
}
