#!/usr/bin/env node
// Stand-in for Windows sc.exe, for tests: `sc stop|start NAME` without administrator rights, as
// sc.exe answers it (on stdout, exit code = the Win32 error): "[SC] OpenService FAILED 5:" and
// "Access is denied.". Under the powershell stand-in's elevation (STANDIN_ELEVATED=1) it succeeds.
const [verb, name] = process.argv.slice(2)
if (process.env.STANDIN_ELEVATED === '1') {
  process.stdout.write(`\r\nSERVICE_NAME: ${name}\r\n        STATE              : ${verb === 'stop' ? '3  STOP_PENDING' : '2  START_PENDING'}\r\n`)
  process.exit(0)
}
process.stdout.write('[SC] OpenService FAILED 5:\r\n\r\nAccess is denied.\r\n\r\n')
process.exit(5)
