#!/usr/bin/env node
// reg.exe for the tests on Linux: Wine 8's real reg.exe (through `wine reg`) for everything it
// implements, with this machine's paths given to it as Z:\ paths. Only what Wine 8 lacks is modelled
// here, after Microsoft's documentation (learn.microsoft.com, windows-commands/reg-query,
// reg-load, reg-unload; return code 0 success, 1 failure):
// - `reg query KEY /s /f TEXT /d`: searches the data of every value under KEY (Wine: "Invalid
//   syntax"). It searches a real `reg export` of KEY and prints what reg.exe prints: each matching
//   key's full path, then "    NAME    TYPE    DATA", a blank line, and "End of search: N match(es) found.".
// - `reg load HKU\NAME FILE` and `reg unload HKU\NAME` (Wine: not implemented). Both need an
//   administrator: without one reg prints "ERROR: Access is denied." and exits 1 (the UAC stand-in
//   marks an elevated run with STANDIN_ELEVATED=1). A "hive file" here is a .reg text whose keys are
//   written under HKEY_USERS\NAME, so the loaded hive appears under HKU in Wine's registry for real;
//   unload deletes that key again.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const WINE_NOISE = /wine32 is missing|multiarch needs|dpkg --add-architecture|apt-get install wine32|^it looks like wine32/
const args = process.argv.slice(2)
const toWine = (a) => (/^\/[^/]+\//.test(a) ? `Z:${a.replace(/\//g, '\\')}` : a)
// A C:\ path as this machine sees it: drive_c of the prefix.
const fromWine = (p) => p.replace(/^C:\\/i, `${process.env.WINEPREFIX}/drive_c/`).replace(/\\/g, '/')

function wineReg(list) {
  const r = spawnSync('wine', ['reg', ...list.map(toWine)], { encoding: 'utf8' })
  const strip = (t) => (t ?? '').split('\n').filter((l) => !WINE_NOISE.test(l)).join('\n')
  return { status: r.status ?? 1, stdout: strip(r.stdout), stderr: strip(r.stderr) }
}

const lower = (s) => s.toLowerCase()
const verb = lower(args[0] ?? '')
const elevated = process.env.STANDIN_ELEVATED === '1'
const denied = () => {
  process.stdout.write('ERROR: Access is denied.\r\n')
  process.exit(1)
}

function exportText(key) {
  const dir = mkdtempSync(join(tmpdir(), 'reg-standin-'))
  try {
    const r = wineReg(['export', key, join(dir, 'x.reg'), '/y'])
    return r.status === 0 ? readFileSync(join(dir, 'x.reg')).subarray(2).toString('utf16le') : null
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (verb === 'query' && args.map(lower).includes('/f')) {
  const text = args[args.map(lower).indexOf('/f') + 1] ?? ''
  const exported = exportText(args[1])
  if (exported === null) {
    process.stdout.write('ERROR: The system was unable to find the specified registry key or value.\r\n')
    process.exit(1)
  }
  let key = null
  let matches = 0
  let out = '\r\n'
  for (const line of exported.split(/\r?\n/)) {
    const k = /^\[(.+)\]$/.exec(line)
    if (k) key = k[1]
    const v = /^"((?:[^"\\]|\\.)*)"="((?:[^"\\]|\\.)*)"$/.exec(line)
    if (key && v && lower(v[2].replace(/\\(.)/g, '$1')).includes(lower(text))) {
      out += `${key}\r\n    ${v[1]}    REG_SZ    ${v[2].replace(/\\(.)/g, '$1')}\r\n\r\n`
      matches++
    }
  }
  process.stdout.write(`${out}End of search: ${matches} match(es) found.\r\n`)
  process.exit(0)
} else if (verb === 'load') {
  if (!elevated) denied()
  const [, mount, file] = args
  const name = mount.replace(/^(HKU|HKEY_USERS)\\/i, '')
  const hive = readFileSync(fromWine(file)).subarray(2).toString('utf16le').replace(/^\[HKEY_USERS\\HIVE/gm, `[HKEY_USERS\\${name}`)
  const dir = mkdtempSync(join(tmpdir(), 'reg-standin-'))
  writeFileSync(join(dir, 'hive.reg'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(hive, 'utf16le')]))
  const r = wineReg(['import', join(dir, 'hive.reg')])
  rmSync(dir, { recursive: true, force: true })
  if (r.status !== 0) process.exit(1)
  process.stdout.write('The operation completed successfully.\r\n')
} else if (verb === 'unload') {
  if (!elevated) denied()
  const r = wineReg(['delete', args[1], '/f'])
  if (r.status !== 0) process.exit(1)
  process.stdout.write('The operation completed successfully.\r\n')
} else {
  const r = wineReg(args)
  process.stdout.write(r.stdout)
  process.stderr.write(r.stderr)
  process.exit(r.status)
}
