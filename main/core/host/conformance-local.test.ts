import { hostConformance } from './conformance'
import { LocalHost } from './local'

const NOBODY = 65534

hostConformance('LocalHost', async () => ({ host: new LocalHost(), dispose: () => undefined }), { unprivileged: process.geteuid?.() !== 0 })

// As root, the same host once more as another user (the effective ids of this test process only),
// so the unreadable-folder case runs here too; a non-root run is that case already.
if (process.geteuid?.() === 0) {
  hostConformance(
    'LocalHost as another user',
    async () => {
      // That user's own PATH: this one holds root's home, which another user may not search.
      const path = process.env.PATH
      process.env.PATH = '/usr/bin:/bin'
      process.setegid!(NOBODY)
      process.seteuid!(NOBODY)
      return {
        host: new LocalHost(),
        dispose: () => {
          process.seteuid!(0)
          process.setegid!(0)
          process.env.PATH = path
        }
      }
    },
    { unprivileged: true }
  )
}
