#!/usr/bin/env node
// Stand-in for pkexec(1), for tests and demo mode. The answer of the authentication dialog comes
// from STANDIN_POLKIT: allow runs the program (as "root": PKEXEC_UID is set, as pkexec does);
// cancel is "Request dismissed", exit 126; deny is "Not authorized", exit 127; no-agent is
// "No authentication agent found.", exit 127; hang never answers. Exit codes and texts per the
// pkexec(1) manual ("RETURN VALUE": 126 dialog dismissed, 127 not authorized or other error).
import { spawnSync } from 'node:child_process'

const argv = process.argv.slice(2).filter((a) => a !== '--disable-internal-agent')
const fail = (msg, code) => {
  process.stderr.write(`${msg}\n`)
  process.exit(code)
}
switch (process.env.STANDIN_POLKIT ?? 'deny') {
  case 'allow': {
    const r = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit', env: { ...process.env, PKEXEC_UID: '1000' } })
    process.exit(r.status ?? 1)
    break
  }
  case 'cancel':
    fail('Error executing command as another user: Request dismissed', 126)
    break
  case 'no-agent':
    fail('Error executing command as another user: No authentication agent found.', 127)
    break
  case 'hang':
    setInterval(() => {}, 1000)
    break
  default:
    fail('Error executing command as another user: Not authorized\n\nThis incident has been reported.', 127)
}
