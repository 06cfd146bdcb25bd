#!/usr/bin/env node
// Stand-in for Windows tasklist.exe (Wine 8's prints nothing). Models
// `tasklist /fi "IMAGENAME eq NAME" /fo csv /nh` as Microsoft documents it (learn.microsoft.com,
// windows-commands/tasklist): one CSV line per matching process, every field quoted
// ("Image Name","PID","Session Name","Session#","Mem Usage"), no header with /nh; with no match the
// line "INFO: No tasks are running which match the specified criteria." and exit code 0.
// State: the running image names, one per line, in the file STANDIN_TASKLIST_FILE.
import { existsSync, readFileSync } from 'node:fs'

const args = process.argv.slice(2)
const filter = args[args.findIndex((a) => a.toLowerCase() === '/fi') + 1] ?? ''
const wanted = /^IMAGENAME eq (.+)$/i.exec(filter)?.[1]?.toLowerCase()
const file = process.env.STANDIN_TASKLIST_FILE
const running = file && existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []
const hits = running.filter((name) => !wanted || name.toLowerCase() === wanted)
if (hits.length === 0) process.stdout.write('INFO: No tasks are running which match the specified criteria.\r\n')
hits.forEach((name, i) => process.stdout.write(`"${name}","${4100 + i}","Console","1","182,316 K"\r\n`))
