#!/usr/bin/env node
// Stand-in for Windows taskkill.exe where the process is only a name in the tasklist stand-in's
// state (Wine's real taskkill needs a real window). Models `taskkill /im NAME` as Microsoft
// documents it (learn.microsoft.com, windows-commands/taskkill): "SUCCESS: Sent termination signal
// to the process ..." and exit 0; no such image: "ERROR: The process "NAME" not found." and exit 128
// (as Wine's real taskkill exits too). Ending another account's process needs an administrator:
// without the UAC stand-in's STANDIN_ELEVATED=1 and with STANDIN_TASKKILL_NEEDS_ADMIN=1 it prints
// "Access is denied." and exits 1. Every call is appended to STANDIN_SC_LOG as
// "taskkill NAME elevated=0|1", beside sc's calls, so a test sees the order of the steps.
// State: the running image names, one per line, in STANDIN_TASKLIST_FILE.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'

const args = process.argv.slice(2)
const name = args[args.findIndex((a) => a.toLowerCase() === '/im') + 1] ?? ''
const elevated = process.env.STANDIN_ELEVATED === '1'
if (process.env.STANDIN_SC_LOG) appendFileSync(process.env.STANDIN_SC_LOG, `taskkill ${name} elevated=${elevated ? 1 : 0}\n`)
const file = process.env.STANDIN_TASKLIST_FILE
const running = file && existsSync(file) ? readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean) : []
if (!running.some((n) => n.toLowerCase() === name.toLowerCase())) {
  process.stdout.write(`ERROR: The process "${name}" not found.\r\n`)
  process.exit(128)
}
if (!elevated && process.env.STANDIN_TASKKILL_NEEDS_ADMIN === '1') {
  process.stdout.write(`ERROR: The process "${name}" with PID 4242 could not be terminated.\r\nReason: Access is denied.\r\n`)
  process.exit(1)
}
writeFileSync(file, running.filter((n) => n.toLowerCase() !== name.toLowerCase()).map((n) => `${n}\n`).join(''))
process.stdout.write(`SUCCESS: Sent termination signal to the process "${name}" with PID 4242.\r\n`)
