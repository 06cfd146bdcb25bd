#!/usr/bin/env node
// Stand-in for the docker CLI, for tests. Models the subcommands Plex Reclaim runs, with docker's
// output shapes and errors (Docker CLI reference: docker ps, docker inspect, docker stop/start;
// "Error response from daemon: No such container" and the daemon-unreachable message, exit 1).
// State: the JSON file named by STANDIN_DOCKER_STATE: { containers: [{ Id, Name, Config: { Image },
// Mounts: [{ Source, Destination }], State: { Running, Pid }, Command?: [program, ...args] }] }.
// No file: the daemon is not running. A container with a Command runs it as its process: start
// spawns it, stop sends SIGTERM and waits up to 10 s before SIGKILL, as `docker stop` does.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { stopProcess } from './process.mjs'

const file = process.env.STANDIN_DOCKER_STATE
const fail = (msg, code = 1) => {
  process.stderr.write(`${msg}\n`)
  process.exit(code)
}
if (!file || !existsSync(file)) fail('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?')
const state = JSON.parse(readFileSync(file, 'utf8'))
const save = () => writeFileSync(file, JSON.stringify(state, null, 2))
const find = (ref) => state.containers.find((c) => c.Id.startsWith(ref) || c.Name === `/${ref}` || c.Name === ref)
const [cmd, ...args] = process.argv.slice(2)

switch (cmd) {
  case 'ps': {
    const all = args.includes('-a') || args.includes('-aq')
    const quiet = args.includes('-q') || args.includes('-aq')
    const list = state.containers.filter((c) => all || c.State?.Running)
    if (quiet) process.stdout.write(list.map((c) => `${c.Id}\n`).join(''))
    else process.stdout.write(list.map((c) => `${c.Id.slice(0, 12)}   ${c.Config.Image}   ${c.Name.slice(1)}\n`).join(''))
    break
  }
  case 'inspect': {
    const found = args.map((ref) => find(ref))
    const missing = args.filter((_, i) => !found[i])
    process.stdout.write(`${JSON.stringify(found.filter(Boolean), null, 4)}\n`)
    if (missing.length) fail(missing.map((m) => `Error: No such object: ${m}`).join('\n'))
    break
  }
  case 'stop':
  case 'start': {
    for (const ref of args) {
      const c = find(ref)
      if (!c) fail(`Error response from daemon: No such container: ${ref}`)
      if (c.Command && cmd === 'start' && !c.State?.Running) {
        const child = spawn(c.Command[0], c.Command.slice(1), { detached: true, stdio: 'ignore' })
        child.unref()
        c.State = { Running: true, Pid: child.pid }
      } else if (c.Command && cmd === 'stop' && c.State?.Running) {
        await stopProcess(c.State.Pid, 10_000)
        c.State = { Running: false, Pid: 0 }
      } else c.State = { ...c.State, Running: cmd === 'start' }
      process.stdout.write(`${ref}\n`)
    }
    save()
    break
  }
  default:
    fail(`docker: '${cmd}' is not a docker command.\nSee 'docker --help'`)
}
