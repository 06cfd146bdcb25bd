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
//   marks an elevated run with STANDIN_ELEVATED=1). Wine also cannot add a hive under HKU, so a
//   loaded hive lives in Wine's registry at HKCU\Software\plex-reclaim-standin\hives\NAME and
//   every path, export and import naming HKU\NAME is redirected there; `reg query HKU` lists it.
//   The loaded names are the JSON array in the file STANDIN_REG_HIVES. A "hive file" here is a
//   .reg text whose keys start with [HKEY_USERS\HIVE.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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
const hivesFile = process.env.STANDIN_REG_HIVES
const hives = () => (hivesFile && existsSync(hivesFile) ? JSON.parse(readFileSync(hivesFile, 'utf8')) : [])
const BACKING = 'HKEY_CURRENT_USER\\Software\\plex-reclaim-standin\\hives'
const redirect = (key) => {
  const m = /^(?:HKU|HKEY_USERS)\\([^\\]+)(.*)$/i.exec(key)
  return m && hives().some((h) => lower(h) === lower(m[1])) ? `${BACKING}\\${m[1]}${m[2]}` : key
}
const readReg = (path) => readFileSync(path).subarray(2).toString('utf16le')
const writeReg = (path, text) => writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
/** An export's sections back under HKEY_USERS; an import's sections to the backing key. */
const toHku = (text) => text.replace(/^\[HKEY_CURRENT_USER\\Software\\plex-reclaim-standin\\hives\\/gim, '[HKEY_USERS\\')
const fromHku = (text) => text.replace(/^\[(HKEY_USERS\\[^\]]+)\]/gim, (_, key) => `[${redirect(key)}]`)

const verb = lower(args[0] ?? '')
const elevated = process.env.STANDIN_ELEVATED === '1'
const denied = () => {
  process.stdout.write('ERROR: Access is denied.\r\n')
  process.exit(1)
}
const done = () => process.stdout.write('The operation completed successfully.\r\n')
// Another account's hive: Windows secures a loaded user hive to that account, SYSTEM and the
// Administrators group (learn.microsoft.com, "Registry Key Security and Access Rights": a key's
// security descriptor decides; a profile hive's root grants Users no access), so export, import,
// add and delete there without an administrator are "Access is denied.". LocalSystem's hive
// (S-1-5-18, .DEFAULT) stays readable, as detection reads it. Tests load hives only through the
// stand-in, so "another account's" is every loaded name but S-1-5-18.
const othersHive = (key) => {
  const m = /^(?:HKU|HKEY_USERS)\\([^\\]+)/i.exec(key ?? '')
  return m !== null && !/^(S-1-5-18|\.default)$/i.test(m[1]) && hives().some((h) => lower(h) === lower(m[1]))
}
const importNamesOthers = (path) => [...readReg(path).matchAll(/^\[(HKEY_USERS\\[^\]]+)\]/gim)].some((m) => othersHive(m[1]))
if (!elevated && ['export', 'add', 'delete'].includes(verb) && othersHive(args[1])) denied()
if (!elevated && verb === 'import' && importNamesOthers(args[1])) denied()

function exportText(key) {
  const dir = mkdtempSync(join(tmpdir(), 'reg-standin-'))
  try {
    const r = wineReg(['export', redirect(key), join(dir, 'x.reg'), '/y'])
    return r.status === 0 ? toHku(readReg(join(dir, 'x.reg'))) : null
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
  // /d searches the data of string values: REG_SZ, REG_EXPAND_SZ (hex(2)) and REG_MULTI_SZ (hex(7)).
  const TYPES = { '': 'REG_SZ', 2: 'REG_EXPAND_SZ', 7: 'REG_MULTI_SZ' }
  for (const line of exported.replace(/\\\r?\n\s*/g, '').split(/\r?\n/)) {
    const k = /^\[(.+)\]$/.exec(line)
    if (k) key = k[1]
    const v = /^"((?:[^"\\]|\\.)*)"=(?:"((?:[^"\\]|\\.)*)"|hex\(([27])\):([0-9a-f,]*))$/i.exec(line)
    if (!key || !v) continue
    const data = v[2] !== undefined ? v[2].replace(/\\(.)/g, '$1') : Buffer.from(v[4].split(',').filter(Boolean).map((h) => parseInt(h, 16))).toString('utf16le').replace(/\0+$/, '').replace(/\0/g, '\\0')
    if (lower(data).includes(lower(text))) {
      out += `${key}\r\n    ${v[1]}    ${TYPES[v[3] ?? '']}    ${data}\r\n\r\n`
      matches++
    }
  }
  process.stdout.write(`${out}End of search: ${matches} match(es) found.\r\n`)
} else if (verb === 'load') {
  if (!elevated) denied()
  const name = args[1].replace(/^(HKU|HKEY_USERS)\\/i, '')
  const dir = mkdtempSync(join(tmpdir(), 'reg-standin-'))
  writeReg(join(dir, 'hive.reg'), readReg(fromWine(args[2])).replace(/^\[HKEY_USERS\\HIVE/gm, `[${BACKING}\\${name}`))
  const r = wineReg(['import', join(dir, 'hive.reg')])
  rmSync(dir, { recursive: true, force: true })
  if (r.status !== 0) process.exit(1)
  writeFileSync(hivesFile, JSON.stringify([...hives(), name]))
  done()
} else if (verb === 'unload') {
  if (!elevated) denied()
  const name = args[1].replace(/^(HKU|HKEY_USERS)\\/i, '')
  if (!hives().some((h) => lower(h) === lower(name))) {
    process.stdout.write('ERROR: The parameter is incorrect.\r\n')
    process.exit(1)
  }
  wineReg(['delete', redirect(args[1]), '/f'])
  writeFileSync(hivesFile, JSON.stringify(hives().filter((h) => lower(h) !== lower(name))))
  done()
} else if (verb === 'export') {
  // Wine's reg export without /y onto an existing file loops on its console prompt: never let it.
  if (existsSync(args[2]) && !args.map(lower).includes('/y')) {
    process.stdout.write(`File ${args[2]} already exists. Overwrite (Yes/No)? refused by the stand-in: no console here\r\n`)
    process.exit(1)
  }
  const r = wineReg(['export', redirect(args[1]), ...args.slice(2)])
  if (r.status === 0) writeReg(args[2], toHku(readReg(args[2])))
  process.stdout.write(r.stdout)
  process.exit(r.status)
} else if (verb === 'import') {
  const dir = mkdtempSync(join(tmpdir(), 'reg-standin-'))
  writeReg(join(dir, 'in.reg'), fromHku(readReg(args[1])))
  const r = wineReg(['import', join(dir, 'in.reg')])
  rmSync(dir, { recursive: true, force: true })
  process.stdout.write(r.stdout)
  process.exit(r.status)
} else {
  const r = wineReg([args[0], ...(args[1] ? [redirect(args[1])] : []), ...args.slice(2)])
  let out = r.stdout
  // The loaded hives under HKU, as reg query lists subkeys: one full path per line.
  if (verb === 'query' && /^(HKU|HKEY_USERS)$/i.test(args[1] ?? '')) out = out.replace(/\s*$/, '\r\n') + hives().map((h) => `HKEY_USERS\\${h}\r\n`).join('')
  else if (verb === 'query') out = out.replace(/HKEY_CURRENT_USER\\Software\\plex-reclaim-standin\\hives\\/g, 'HKEY_USERS\\')
  process.stdout.write(out)
  process.stderr.write(r.stderr)
  process.exit(r.status)
}
