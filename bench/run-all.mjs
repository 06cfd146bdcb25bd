// npm run bench: every benchmark, each printing its figures. Build first: npm run build.
import { spawnSync } from 'node:child_process'

const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' })
run(['node_modules/vite/bin/vite.js', 'build', '-c', 'bench/vite.config.mts', '--logLevel', 'silent'])
run(['bench/reset-cli.mjs'])
run(['bench/local-reset-overhead.mjs'])
run(['out/bench/stop-detection.js'])
run(['bench/renderer.mjs'])
