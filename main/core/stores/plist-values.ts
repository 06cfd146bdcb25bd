import { CoreError } from '../result'

/** Reads a macOS preferences plist (binary or XML) into the string values the wizard shows. */
export async function readPlistValues(bytes: Buffer): Promise<Record<string, string>> {
  // Loaded on demand: only macOS stores need it, and the CLI's start-up should not pay for it.
  const { parse } = await import('plist')
  let value: unknown
  try {
    // parse() takes bytes as a binary plist; XML (and OpenStep) must be given as text.
    value = parse(bytes.subarray(0, 6).toString('latin1') === 'bplist' ? bytes : bytes.toString('utf8'))
  } catch {
    throw new CoreError('NOT_A_SETTINGS_FILE', 'This is not a readable property list. Choose the com.plexapp.plexmediaserver.plist (or a defaults export of it).')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array || value instanceof Date) {
    throw new CoreError('NOT_A_SETTINGS_FILE', 'This property list does not hold settings. Choose the com.plexapp.plexmediaserver.plist.')
  }
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v)
  }
  return out
}
