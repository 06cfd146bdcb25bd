// Runs commands in a network namespace of their own, where only loopback exists and plex.tv (with
// app.plex.tv and www.plex.tv) resolves to 127.0.0.1 through a private /etc/hosts: nothing can reach
// the internet, and every connection meant for plex.tv arrives at a counting listener on port 443.
// Started by a test as `unshare --net --mount -- node offline-run.mjs JOB.json` (root only); prints
// one JSON line: each command's exit code and stderr, and the connections each listener counted.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'))
execFileSync('ip', ['link', 'set', 'lo', 'up'])
const hosts = join(mkdtempSync(join(tmpdir(), 'offline-')), 'hosts')
writeFileSync(hosts, '127.0.0.1 localhost\n127.0.0.1 plex.tv app.plex.tv www.plex.tv clients.plex.tv\n')
// unshare --mount makes this mount namespace private: the bind is seen by this process tree only.
execFileSync('mount', ['--bind', hosts, '/etc/hosts'])

function counter(port) {
  return new Promise((resolve) => {
    const state = { connections: 0 }
    const server = createServer((socket) => {
      state.connections++
      socket.destroy()
    })
    server.listen(port, '127.0.0.1', () => resolve({ state, server, port: server.address().port }))
  })
}

const plexTv = await counter(443)
const redirected = await counter(0)
const env = { ...job.env }
for (const [k, v] of Object.entries(env)) env[k] = v.replaceAll('{REDIRECTED}', `http://127.0.0.1:${redirected.port}`)
const results = []
for (const args of job.commands) {
  results.push(
    await new Promise((resolve) => {
      const child = spawn(process.execPath, [job.cli, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] })
      let stderr = ''
      child.stderr.on('data', (c) => (stderr += c))
      child.once('close', (code, signal) => resolve({ code, signal, stderr }))
    })
  )
}
plexTv.server.close()
redirected.server.close()
process.stdout.write(`${JSON.stringify({ results, plexTvConnections: plexTv.state.connections, redirectedConnections: redirected.state.connections })}\n`)
