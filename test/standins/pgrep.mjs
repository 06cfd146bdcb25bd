#!/usr/bin/env node
// Stand-in for macOS pgrep (Linux's pgrep matches the 15-character kernel name, so
// "Plex Media Server" never matches exactly there). Models pgrep(1) on macOS: -x matches the
// whole process name, -u USER only that user's processes; prints each pid, exits 0 when one
// matched, 1 when none.
// State: "USER NAME" lines in the file STANDIN_PGREP_FILE.
import { existsSync, readFileSync } from 'node:fs'

const args = process.argv.slice(2)
const user = args.includes('-u') ? args[args.indexOf('-u') + 1] : null
const name = args[args.length - 1]
const file = process.env.STANDIN_PGREP_FILE
const lines = file && existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []
const hits = lines.filter((l) => {
  const [u, ...rest] = l.split(' ')
  return rest.join(' ') === name && (!user || u === user)
})
hits.forEach((_, i) => process.stdout.write(`${700 + i}\n`))
process.exit(hits.length > 0 ? 0 : 1)
