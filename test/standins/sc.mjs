#!/usr/bin/env node
// Stand-in for Windows sc.exe (Wine's sc knows only Wine's own services and prints no error text).
// Models `sc stop|start NAME` as Microsoft documents it (learn.microsoft.com, windows-commands/sc-query,
// sc-start; system error codes): without administrator rights it prints "[SC] OpenService FAILED 5:"
// and "Access is denied." on stdout and exits 5; as an administrator it prints the service's
// state block and exits 0. Elevation is marked by the UAC stand-in (STANDIN_ELEVATED=1).
// Every call is appended to STANDIN_SC_LOG as "VERB NAME elevated=0|1", so a test can check
// that sc really ran elevated.
import { appendFileSync } from 'node:fs'

const [verb, name] = process.argv.slice(2)
const elevated = process.env.STANDIN_ELEVATED === '1'
if (process.env.STANDIN_SC_LOG) appendFileSync(process.env.STANDIN_SC_LOG, `${verb} ${name} elevated=${elevated ? 1 : 0}\n`)
if (elevated) {
  process.stdout.write(`\r\nSERVICE_NAME: ${name}\r\n        STATE              : ${verb === 'stop' ? '3  STOP_PENDING' : '2  START_PENDING'}\r\n`)
  process.exit(0)
}
process.stdout.write('[SC] OpenService FAILED 5:\r\n\r\nAccess is denied.\r\n\r\n')
process.exit(5)
