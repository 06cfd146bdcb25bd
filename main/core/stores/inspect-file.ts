import { summarizeAccount, type AccountSummary } from '../account/summary'
import { READ_LIMITS, type Host } from '../host/types'
import { fromFsError } from '../result'
import { attributeValue, parsePreferences } from './preferences-xml'
import { readPlistValues } from './plist-values'
import { readRegValues } from './reg-file'

export type SettingsFileKind = 'preferences-xml' | 'plist' | 'reg'

export interface InspectedFile {
  readonly path: string
  readonly kind: SettingsFileKind
  readonly size: number
  readonly account: AccountSummary
}

export function sniffKind(bytes: Buffer): SettingsFileKind {
  if (bytes.subarray(0, 8).toString('latin1') === 'bplist00') return 'plist'
  // A UTF-16LE file is a .reg export only if it says so; a UTF-16 Preferences.xml is still one
  // (which parsePreferences then refuses for its encoding).
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return /^\uFEFF?(?:REGEDIT4|Windows Registry Editor)/.test(bytes.subarray(0, 512).toString('utf16le')) ? 'reg' : 'preferences-xml'
  const head = bytes.subarray(0, 512).toString('latin1')
  if (/^REGEDIT4|^Windows Registry Editor/.test(head)) return 'reg'
  if (/<!DOCTYPE plist|<plist[\s>]/.test(head)) return 'plist'
  return 'preferences-xml'
}

/** Any settings store file: a Preferences.xml, a binary or XML plist, or a .reg export. */
export async function inspectSettingsFile(host: Host, path: string): Promise<InspectedFile> {
  let bytes: Buffer
  try {
    bytes = await host.readFile(path, { maxBytes: READ_LIMITS.settings })
  } catch (error) {
    throw fromFsError(error, path, 'reading')
  }
  const kind = sniffKind(bytes)
  let get: (key: string) => string | undefined
  if (kind === 'plist') {
    const values = await readPlistValues(bytes)
    get = (k) => values[k]
  } else if (kind === 'reg') {
    const values = readRegValues(bytes)
    get = (k) => values[k]
  } else {
    const doc = parsePreferences(bytes)
    get = (k) => attributeValue(doc, k)
  }
  return { path, kind, size: bytes.length, account: summarizeAccount(get) }
}
