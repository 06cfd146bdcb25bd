#!/usr/bin/env node
// Stand-in for Windows reg.exe, for tests. Models `reg export KEY FILE [/y]` and `reg import FILE`
// as Microsoft documents them (learn.microsoft.com: windows-commands/reg-export, reg-import; return
// code 0 success, 1 failure): exports are UTF-16LE with a byte-order mark and the
// "Windows Registry Editor Version 5.00" header, success prints "The operation completed
// successfully.", a missing key prints "ERROR: The system was unable to find the specified
// registry key or value.".
// State: the JSON file named by STANDIN_REGISTRY_FILE: { "HKEY_...\\Key": { Name: { type, value } } }.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

const file = process.env.STANDIN_REGISTRY_FILE
const fail = (msg) => {
  process.stderr.write(`${msg}\r\n`)
  process.exit(1)
}
const ok = () => process.stdout.write('The operation completed successfully.\r\n\r\n')
const ROOTS = { HKCU: 'HKEY_CURRENT_USER', HKU: 'HKEY_USERS', HKLM: 'HKEY_LOCAL_MACHINE' }
const full = (key) => key.replace(/^(HKCU|HKU|HKLM)(?=\\|$)/i, (r) => ROOTS[r.toUpperCase()])
const load = () => (file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {})
const escape = (s) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')
const [cmd, ...args] = process.argv.slice(2)

if (cmd?.toLowerCase() === 'export') {
  const [key, out, yes] = args
  const registry = load()
  const values = registry[full(key ?? '')]
  if (!values) fail('ERROR: The system was unable to find the specified registry key or value.')
  if (existsSync(out) && yes?.toLowerCase() !== '/y') fail(`File ${out} already exists. Overwrite (Yes/No)?`)
  const lines = ['Windows Registry Editor Version 5.00', '', `[${full(key)}]`]
  for (const [name, v] of Object.entries(values)) {
    lines.push(v.type === 'REG_DWORD' ? `"${escape(name)}"=dword:${Number(v.value).toString(16).padStart(8, '0')}` : `"${escape(name)}"="${escape(String(v.value))}"`)
  }
  lines.push('', '')
  writeFileSync(out, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n'), 'utf16le')]))
  ok()
} else if (cmd?.toLowerCase() === 'import') {
  const [path] = args
  if (!existsSync(path)) fail('ERROR: Error opening the file. There may be a disk or file system error.')
  const raw = readFileSync(path)
  const text = raw[0] === 0xff && raw[1] === 0xfe ? raw.subarray(2).toString('utf16le') : raw.toString('latin1')
  if (!/^(Windows Registry Editor Version 5\.00|REGEDIT4)/.test(text)) fail('ERROR: Error accessing the registry.')
  const registry = load()
  let current = null
  for (const line of text.split(/\r?\n/)) {
    const key = /^\[(.+)\]$/.exec(line)
    if (key) current = registry[key[1]] ??= {}
    const value = /^"((?:[^"\\]|\\.)*)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-fA-F]{8})|(-))$/.exec(line)
    if (value && current) {
      const name = value[1].replace(/\\(.)/g, '$1')
      if (value[4]) delete current[name]
      else current[name] = value[2] !== undefined ? { type: 'REG_SZ', value: value[2].replace(/\\(.)/g, '$1') } : { type: 'REG_DWORD', value: parseInt(value[3], 16) }
    }
  }
  writeFileSync(file, JSON.stringify(registry, null, 2))
  ok()
} else {
  fail(`ERROR: Invalid syntax.\r\nType "REG /?" for usage.`)
}
