#!/usr/bin/env node
// Stand-in for snap(1), for tests. `snap stop|start|restart NAME` act on the systemd unit
// snap.NAME.NAME (snapd runs snap services as systemd units, plex-domain.md section 2), through the
// systemctl stand-in. Texts after snapd: "error: snap "NAME" not found", "error: access denied
// (try with sudo)", exit 1; success prints "Stopped." / "Started.".
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const [verb, name] = process.argv.slice(2)
if (!['start', 'stop', 'restart'].includes(verb) || !name) {
  process.stderr.write(`error: unknown command "${verb}", see 'snap help'.\n`)
  process.exit(1)
}
if (process.env.STANDIN_AS_USER === '1' && !process.env.PKEXEC_UID) {
  process.stderr.write('error: access denied (try with sudo)\n')
  process.exit(1)
}
const r = spawnSync(process.execPath, [join(import.meta.dirname, 'systemctl.mjs'), verb, `snap.${name}.${name}`], { encoding: 'utf8', env: { ...process.env, STANDIN_AS_USER: '0' } })
if (r.status === 5) {
  process.stderr.write(`error: snap "${name}" not found\n`)
  process.exit(1)
}
if (r.status !== 0) {
  process.stderr.write(r.stderr)
  process.exit(r.status ?? 1)
}
process.stdout.write(verb === 'stop' ? 'Stopped.\n' : verb === 'start' ? 'Started.\n' : 'Restarted.\n')
