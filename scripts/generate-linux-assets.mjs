// Writes the CLI's man page and shell completion scripts into assets/linux, from the built CLI's
// own help (npm run build:node first). The .deb installs them (electron-builder.yml, deb.fpm);
// test/real/deb-package.real.test.ts fails when they differ from what the help generates now.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const cli = (...args) => execFileSync(process.execPath, [join(root, 'out', 'node', 'cli.js'), ...args], { encoding: 'utf8' })
export const LINUX_ASSETS = {
  'plex-reclaim-cli.1': ['completion', 'man'],
  'completions/plex-reclaim-cli.bash': ['completion', 'bash'],
  'completions/_plex-reclaim-cli': ['completion', 'zsh'],
  'completions/plex-reclaim-cli.fish': ['completion', 'fish']
}
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [file, args] of Object.entries(LINUX_ASSETS)) writeFileSync(join(root, 'assets', 'linux', file), `${cli(...args).trimEnd()}\n`)
}
