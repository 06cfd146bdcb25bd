import { CoreError } from '../result'

/** Reads the string values of a `reg export` file (UTF-16LE with BOM, or ANSI REGEDIT4). */
export function readRegValues(bytes: Buffer): Record<string, string> {
  const text = bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.subarray(2).toString('utf16le') : bytes.toString('latin1')
  if (!/^(Windows Registry Editor Version 5\.00|REGEDIT4)/.test(text)) {
    throw new CoreError('NOT_A_SETTINGS_FILE', 'This is not a registry export (.reg). Export the key with "reg export" or regedit and try again.')
  }
  const values: Record<string, string> = {}
  for (const m of text.matchAll(/^"((?:[^"\\]|\\.)*)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-fA-F]{8}))\s*$/gm)) {
    const unescape = (s: string): string => s.replace(/\\(.)/g, '$1')
    values[unescape(m[1]!)] = m[2] !== undefined ? unescape(m[2]) : String(parseInt(m[3]!, 16))
  }
  return values
}
