#!/usr/bin/env node
// Stand-in for systemctl(1), for tests and demo mode. Models what Plex Reclaim runs:
// `systemctl start|stop|restart|is-active UNIT` and `systemctl show -p MainPID --value UNIT`.
// Behaviour after systemctl(1) and systemd.service(5): start returns once the process is forked
// (Type=simple, as plexmediaserver.service); stop sends SIGTERM and waits for the process to end,
// up to TimeoutStopSec (then SIGKILL); is-active prints active/inactive with exit 0/3; an unknown
// unit is "Unit X.service not found." (start) / "not loaded." (stop), exit 5.
// Authorisation: with STANDIN_AS_USER=1 the caller is not root, so start/stop go through polkit
// (org.freedesktop.systemd1.manage-units); STANDIN_POLKIT=allow|cancel|deny|no-agent decides the
// interactive prompt's answer. Under pkexec (PKEXEC_UID set) the caller is root.
// Units: <STANDIN_SYSTEMD_DIR>/<unit>.service.json = { command: [program, ...args], timeoutStopMs? }
import { spawn } from 'node:child_process'
import { existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { alive, stopProcess } from './process.mjs'

const dir = process.env.STANDIN_SYSTEMD_DIR ?? '/nonexistent'
const args = process.argv.slice(2).filter((a) => a !== '--no-pager' && a !== '--quiet')
const verb = args[0]
const unitArg = args[args.length - 1] ?? ''
const unit = unitArg.endsWith('.service') ? unitArg.slice(0, -8) : unitArg
const definition = join(dir, `${unit}.service.json`)
const stateFile = join(dir, `${unit}.service.state`)

const fail = (msg, code) => {
  process.stderr.write(`${msg}\n`)
  process.exit(code)
}
const mainPid = () => {
  const pid = existsSync(stateFile) ? Number(readFileSync(stateFile, 'utf8')) : 0
  return pid && alive(pid) ? pid : 0
}

function authorize(action) {
  if (process.env.STANDIN_AS_USER !== '1' || process.env.PKEXEC_UID) return
  switch (process.env.STANDIN_POLKIT ?? 'deny') {
    case 'allow':
      return
    case 'no-agent':
      return fail(`Failed to ${action} ${unit}.service: Interactive authentication required.\nSee system logs and 'systemctl status ${unit}.service' for details.`, 1)
    default:
      return fail(`Failed to ${action} ${unit}.service: Access denied\nSee system logs and 'systemctl status ${unit}.service' for details.`, 1)
  }
}

async function stop() {
  const pid = mainPid()
  if (!pid) return
  const unitDef = JSON.parse(readFileSync(definition, 'utf8'))
  await stopProcess(pid, unitDef.timeoutStopMs ?? 90_000)
  rmSync(stateFile, { force: true })
}

function start() {
  if (mainPid()) return
  const unitDef = JSON.parse(readFileSync(definition, 'utf8'))
  const log = openSync(join(dir, `${unit}.service.log`), 'a')
  const child = spawn(unitDef.command[0], unitDef.command.slice(1), { detached: true, stdio: ['ignore', log, log] })
  writeFileSync(stateFile, String(child.pid))
  child.unref()
}

switch (verb) {
  case 'start':
  case 'stop':
  case 'restart': {
    if (!existsSync(definition)) fail(verb === 'start' ? `Failed to start ${unit}.service: Unit ${unit}.service not found.` : `Failed to ${verb} ${unit}.service: Unit ${unit}.service not loaded.`, 5)
    authorize(verb)
    if (verb !== 'start') await stop()
    if (verb !== 'stop') start()
    break
  }
  case 'is-active': {
    const active = existsSync(definition) && mainPid() !== 0
    process.stdout.write(`${active ? 'active' : 'inactive'}\n`)
    process.exit(active ? 0 : 3)
    break
  }
  case 'show': {
    if (!existsSync(definition)) fail(`Unit ${unit}.service could not be found.`, 1)
    process.stdout.write(`${mainPid()}\n`)
    break
  }
  default:
    fail(`Unknown command verb '${verb}'.`, 1)
}
