#!/usr/bin/env node
// Stand-in for macOS pkill(1) (BSD pgrep/pkill man page): `pkill -SIGNAL [-x] [-u USER] PATTERN`
// signals each matching process; -x matches the whole process name, -u only that user's
// processes. Exit status: 0 one or more processes matched, 1 none matched, 2 syntax error,
// 3 fatal error. A process of another user cannot be signalled by a non-root caller (kill(2):
// EPERM), which the BSD pkill reports and exits with 3... here played with STANDIN_PKILL_EPERM=1.
// State: the pgrep stand-in's file (STANDIN_PGREP_FILE); a TERM'd process's line goes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

const args = process.argv.slice(2)
const signal = args[0]?.startsWith('-') && /^-[A-Z]+$/.test(args[0]) ? args.shift().slice(1) : 'TERM'
const user = args.includes('-u') ? args[args.indexOf('-u') + 1] : null
if (!args.includes('-x')) {
  process.stderr.write('stand-in: only -x (whole-name) matching is modelled\n')
  process.exit(2)
}
const name = args[args.length - 1]
const file = process.env.STANDIN_PGREP_FILE
const lines = file && existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []
const matches = (l) => {
  const [u, ...rest] = l.split(' ')
  return rest.join(' ') === name && (!user || u === user)
}
const hits = lines.filter(matches)
if (hits.length === 0) process.exit(1)
if (process.env.STANDIN_PKILL_EPERM === '1') {
  process.stderr.write('pkill: signalling pid 700: Operation not permitted\n')
  process.exit(3)
}
if (signal === 'TERM' && file) writeFileSync(file, lines.filter((l) => !matches(l)).map((l) => `${l}\n`).join(''))
