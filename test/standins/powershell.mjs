#!/usr/bin/env node
// Stand-in for powershell.exe running `Start-Process ... -Verb RunAs -Wait -PassThru`, for tests
// (Wine's powershell is a stub that prints nothing and exits 0). Start-Process (learn.microsoft.com,
// PowerShell Microsoft.PowerShell.Management/Start-Process) joins -ArgumentList with spaces into one
// command line, which the program splits again (an argument in double quotes stays one).
// STANDIN_UAC decides the UAC prompt: allow runs the program elevated (STANDIN_ELEVATED=1) and
// exits with its code; cancel prints PowerShell's error for a dismissed prompt ("This command cannot
// be run due to the error: The operation was canceled by the user.") and exits 1; deny exits 1 with
// an access error; hang never answers.
import { spawnSync } from 'node:child_process'

const script = process.argv[process.argv.indexOf('-Command') + 1] ?? ''
const program = /-FilePath '([^']+)'/.exec(script)?.[1]
const line = [...(/-ArgumentList ((?:'[^']*',?)+)/.exec(script)?.[1] ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1]).join(' ')
const args = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2])
switch (process.env.STANDIN_UAC ?? 'cancel') {
  case 'allow': {
    const r = spawnSync(program, args, { stdio: 'inherit', env: { ...process.env, STANDIN_ELEVATED: '1' } })
    process.exit(r.status ?? 1)
    break
  }
  case 'hang':
    setInterval(() => {}, 1000)
    break
  case 'deny':
    process.stderr.write('Start-Process : This command cannot be run due to the error: Access is denied.\r\n')
    process.exit(1)
    break
  default:
    process.stderr.write('Start-Process : This command cannot be run due to the error: The operation was canceled by the user.\r\n')
    process.exit(1)
}
