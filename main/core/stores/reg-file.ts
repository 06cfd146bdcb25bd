import { CoreError } from '../result'

/**
 * The text reg.exe and regedit write (`reg export`): UTF-16LE with a BOM and the header
 * "Windows Registry Editor Version 5.00" (or ANSI "REGEDIT4"), one [KEY] section per key, a value
 * per line, hex data wrapped with a trailing "\" and an indented continuation line. Every value is
 * kept as its type number and raw bytes, so two exports compare exactly whatever the type and
 * whatever order the tool wrote them in (Wine sorts by name, Windows keeps creation order).
 */
export const REG_SZ = 1
export const REG_EXPAND_SZ = 2
export const REG_BINARY = 3
export const REG_DWORD = 4
export const REG_MULTI_SZ = 7
export const REG_QWORD = 11

export interface RegValue {
  /** '' is the key's default value (written "@"). */
  readonly name: string
  readonly type: number
  readonly data: Buffer
}

export interface RegKey {
  /** As written in the file, e.g. HKEY_CURRENT_USER\Software\Plex, Inc.\Plex Media Server. */
  readonly path: string
  readonly values: readonly RegValue[]
}

/** A Plex key's export is a few kilobytes; anything this large is not one. */
const MAX_BYTES = 8 * 1024 * 1024

const notReg = (why: string): CoreError =>
  new CoreError('NOT_A_SETTINGS_FILE', `This is not a registry export (.reg): ${why}. Export the key with "reg export" and try again.`)

const ROOTS: Readonly<Record<string, string>> = {
  HKCU: 'HKEY_CURRENT_USER',
  HKU: 'HKEY_USERS',
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKCC: 'HKEY_CURRENT_CONFIG'
}

/** One spelling per key, for comparing: long root names, lower case (registry names ignore case). */
export function canonicalKey(path: string): string {
  const [root = '', ...rest] = path.split('\\')
  return [ROOTS[root.toUpperCase()] ?? root.toUpperCase(), ...rest].join('\\').toLowerCase()
}

export const isAtOrUnder = (path: string, key: string): boolean => {
  const p = canonicalKey(path)
  const k = canonicalKey(key)
  return p === k || p.startsWith(`${k}\\`)
}

const utf16z = (s: string): Buffer => Buffer.from(`${s}\0`, 'utf16le')

/** A quoted string starting at text[at] (the opening quote); returns it unescaped and where it ended. */
function quoted(text: string, at: number): { value: string; end: number } | null {
  let value = ''
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i]!
    if (c === '"') return { value, end: i + 1 }
    if (c === '\\' && i + 1 < text.length) {
      const n = text[++i]!
      value += n === 'n' ? '\n' : n === 'r' ? '\r' : n === '0' ? '\0' : n
    } else value += c
  }
  return null
}

function hexBytes(list: string, line: number): Buffer {
  const parts = list.split(',').map((s) => s.trim()).filter((s) => s !== '')
  if (!parts.every((p) => /^[0-9a-fA-F]{1,2}$/.test(p))) throw notReg(`line ${line} has hex data that is not a list of bytes`)
  return Buffer.from(parts.map((p) => parseInt(p, 16)))
}

function parseData(data: string, line: number): { type: number; data: Buffer } {
  if (data.startsWith('"')) {
    const q = quoted(data, 0)
    if (!q || data.slice(q.end).trim() !== '') throw notReg(`line ${line} has an unterminated string`)
    return { type: REG_SZ, data: utf16z(q.value) }
  }
  const dword = /^dword:([0-9a-fA-F]{8})$/i.exec(data)
  if (dword) {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(parseInt(dword[1]!, 16))
    return { type: REG_DWORD, data: b }
  }
  const hex = /^hex(?:\(([0-9a-fA-F]{1,8})\))?:(.*)$/i.exec(data)
  if (hex) return { type: hex[1] === undefined ? REG_BINARY : parseInt(hex[1], 16), data: hexBytes(hex[2]!, line) }
  if (data === '-') throw notReg(`line ${line} deletes a value (an export never does)`)
  throw notReg(`line ${line} has a value of an unknown form`)
}

/** Decodes the bytes of a .reg file into its text, refusing what is not one. */
function decode(bytes: Buffer): string {
  if (bytes.length > MAX_BYTES) throw notReg(`it is larger than ${MAX_BYTES / 1024 / 1024} MB`)
  const text = bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.subarray(2).toString('utf16le') : bytes.toString('latin1')
  if (!/^(Windows Registry Editor Version 5\.00|REGEDIT4)\r?\n/.test(text)) throw notReg('the header "Windows Registry Editor Version 5.00" is missing')
  return text
}

/** Every key of an export with all its values, in file order. */
export function parseRegFile(bytes: Buffer): RegKey[] {
  const lines = decode(bytes).split(/\r?\n/)
  const keys: { path: string; values: RegValue[] }[] = []
  for (let i = 1; i < lines.length; i++) {
    let line = lines[i]!
    const lineNo = i + 1
    if (line.trim() === '' || line.startsWith(';')) continue
    if (line.startsWith('[')) {
      if (line.startsWith('[-')) throw notReg(`line ${lineNo} deletes a key (an export never does)`)
      const m = /^\[(.+)\]\s*$/.exec(line)
      if (!m) throw notReg(`line ${lineNo} is not a [KEY] line`)
      keys.push({ path: m[1]!, values: [] })
      continue
    }
    const current = keys[keys.length - 1]
    if (!current) throw notReg(`line ${lineNo} holds a value before any [KEY]`)
    let name: string
    let rest: string
    if (line.startsWith('@=')) {
      name = ''
      rest = line.slice(2)
    } else {
      const q = line.startsWith('"') ? quoted(line, 0) : null
      if (!q || line[q.end] !== '=') throw notReg(`line ${lineNo} is not a "name"=value line`)
      name = q.value
      rest = line.slice(q.end + 1)
    }
    // Hex data goes on over the following lines while a line ends with "\".
    if (/^hex/i.test(rest)) {
      while (rest.trimEnd().endsWith('\\') && i + 1 < lines.length) {
        line = lines[++i]!
        rest = rest.trimEnd().slice(0, -1) + line.trim()
      }
    }
    current.values.push({ name, ...parseData(rest.trimEnd(), lineNo) })
  }
  return keys
}

/** A value as text for reading the account: strings and numbers only. */
export function valueText(v: RegValue): string | undefined {
  if (v.type === REG_SZ || v.type === REG_EXPAND_SZ) return v.data.toString('utf16le').replace(/\0+$/, '')
  if (v.type === REG_DWORD && v.data.length === 4) return String(v.data.readUInt32LE())
  if (v.type === REG_QWORD && v.data.length === 8) return String(v.data.readBigUInt64LE())
  return undefined
}

/** The text values of the export's first key (the key that was exported). */
export function readRegValues(bytes: Buffer): Record<string, string> {
  const first = parseRegFile(bytes)[0]
  const values: Record<string, string> = {}
  for (const v of first?.values ?? []) {
    const text = valueText(v)
    if (text !== undefined) values[v.name] = text
  }
  return values
}

/** Keys and values as one comparable map: canonical key path to value name (lower case) to "type:hex". */
export function regState(keys: readonly RegKey[]): Map<string, Map<string, string>> {
  const state = new Map<string, Map<string, string>>()
  for (const k of keys) {
    const values = state.get(canonicalKey(k.path)) ?? new Map<string, string>()
    for (const v of k.values) values.set(v.name.toLowerCase(), `${v.type}:${v.data.toString('hex')}`)
    state.set(canonicalKey(k.path), values)
  }
  return state
}

/**
 * What differs between two states, as key paths and value names only (never data: it holds the
 * token). Empty when they are the same.
 */
export function regDifferences(expected: Map<string, Map<string, string>>, actual: Map<string, Map<string, string>>): string[] {
  const out: string[] = []
  for (const [key, values] of expected) {
    const got = actual.get(key)
    if (!got) {
      out.push(`key ${key} is missing`)
      continue
    }
    for (const [name, data] of values) {
      if (!got.has(name)) out.push(`${key}: value "${name || '(default)'}" is missing`)
      else if (got.get(name) !== data) out.push(`${key}: value "${name || '(default)'}" differs`)
    }
    for (const name of got.keys()) if (!values.has(name)) out.push(`${key}: value "${name || '(default)'}" was added`)
  }
  for (const key of actual.keys()) if (!expected.has(key)) out.push(`key ${key} was added`)
  return out
}
