#!/usr/bin/env node
// Stand-in for macOS defaults(1), for tests. Models `defaults read|export|import|delete` as the
// man page describes them (export/import take a path or "-" for stdout/stdin and move whole
// domains as plists), with the messages macOS prints: "Domain X does not exist" and "The
// domain/default pair of (X, K) does not exist", both exit 1.
// State: one XML plist per domain in the folder named by STANDIN_DEFAULTS_DIR.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build, parse } from 'plist'

const dir = process.env.STANDIN_DEFAULTS_DIR
const [cmd, domain, arg] = process.argv.slice(2)
const fail = (msg) => {
  process.stderr.write(`${msg}\n`)
  process.exit(1)
}
if (!dir) fail('STANDIN_DEFAULTS_DIR is not set')
const file = join(dir, `${domain}.plist`)
// Like CFPreferences, accept binary and XML plists alike.
const decode = (bytes) => parse(bytes.subarray(0, 6).toString('latin1') === 'bplist' ? bytes : bytes.toString('utf8'))
const load = () => (existsSync(file) ? decode(readFileSync(file)) : null)
const store = (value) => writeFileSync(file, build(value))

switch (cmd) {
  case 'read': {
    const value = load()
    if (!value) fail(`\nDomain ${domain} does not exist`)
    if (arg === undefined) process.stdout.write(`${JSON.stringify(value, null, 4)}\n`)
    else if (!(arg in value)) fail(`\nThe domain/default pair of (${domain}, ${arg}) does not exist`)
    else process.stdout.write(`${value[arg]}\n`)
    break
  }
  case 'export': {
    const value = load()
    if (!value) fail(`\nDomain ${domain} does not exist`)
    if (arg === '-') process.stdout.write(build(value))
    else writeFileSync(arg, build(value))
    break
  }
  case 'import': {
    const bytes = arg === '-' ? readFileSync(0) : existsSync(arg) ? readFileSync(arg) : fail(`Could not read data from ${arg}`)
    let value
    try {
      value = decode(bytes)
    } catch {
      fail(`Could not parse: ${arg}.  Try single-quoting it.`)
    }
    store(value)
    break
  }
  case 'delete': {
    const value = load()
    if (!value) fail(`\nDomain (${domain}) not found.\nDefaults have not been changed.`)
    if (arg === undefined) {
      writeFileSync(file, build({}))
      break
    }
    if (!(arg in value)) fail(`\nThe domain/default pair of (${domain}, ${arg}) does not exist`)
    delete value[arg]
    store(value)
    break
  }
  default:
    fail(`Command line interface to a user's defaults.\nSyntax:\n\n'defaults' [-currentHost | -host <hostname>] followed by one of the following:`)
}
