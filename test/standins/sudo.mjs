#!/usr/bin/env node
// Stand-in for sudo(8), for the SSH tests: `sudo -S -p '' [-v] [--] COMMAND ARGS…`. As sudo -S
// does, it reads the password from the first line of standard input, then runs the command with
// the rest of the input. Outcomes after sudo's own messages: a wrong password is "Sorry, try again."
// then "sudo: 1 incorrect password attempt" (exit 1); a user not allowed is "USER is not in the
// sudoers file." (exit 1). STANDIN_SUDO_PASSWORD is the right password; STANDIN_SUDO_REFUSE=1
// makes the user not allowed; STANDIN_SUDO_CONFIG may name a JSON file { password, refuse } that
// overrides both (a test can change it between sessions).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readSync } from 'node:fs'

const config = process.env.STANDIN_SUDO_CONFIG && existsSync(process.env.STANDIN_SUDO_CONFIG) ? JSON.parse(readFileSync(process.env.STANDIN_SUDO_CONFIG, 'utf8')) : {}
const password = config.password ?? process.env.STANDIN_SUDO_PASSWORD ?? ''
const refuse = config.refuse ?? process.env.STANDIN_SUDO_REFUSE === '1'

const args = process.argv.slice(2)
const fail = (msg) => {
  process.stderr.write(`${msg}\n`)
  process.exit(1)
}
// Read one line, byte by byte, so the rest of stdin is left for the command.
let line = ''
const byte = Buffer.alloc(1)
while (readSync(0, byte, 0, 1, null) === 1 && byte[0] !== 0x0a) line += String.fromCharCode(byte[0])
if (refuse) fail(`${process.env.USER ?? 'user'} is not in the sudoers file.`)
if (line !== password) fail('Sorry, try again.\nsudo: 1 incorrect password attempt')
const rest = []
for (let i = 0; i < args.length; i++) {
  if (args[i] === '-S' || args[i] === '-v' || args[i] === '-n') continue
  if (args[i] === '-p') {
    i++
    continue
  }
  if (args[i] === '--') {
    rest.push(...args.slice(i + 1))
    break
  }
  rest.push(...args.slice(i))
  break
}
if (rest.length === 0) process.exit(0) // sudo -v: the password was right
const r = spawnSync(rest[0], rest.slice(1), { stdio: ['inherit', 'inherit', 'inherit'] })
process.exit(r.status ?? 1)
