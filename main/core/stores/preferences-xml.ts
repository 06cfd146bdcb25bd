import { isUtf8 } from 'node:buffer'
import { CoreError } from '../result'
import { SIGN_IN_KEYS, type SignInKey } from './keys'
import { checkWellFormed, type ScannedAttribute } from './xml-well-formed'

/**
 * Byte-exact reading and editing of Plex's Preferences.xml.
 *
 * The document is checked strictly (xml-well-formed.ts), but it is never re-serialized: the edit
 * cuts byte ranges out of the original buffer. The check reports character offsets in the decoded
 * text, which are turned into byte offsets, so multi-byte UTF-8 in values cannot shift a cut.
 */

export interface RootAttribute {
  readonly name: string
  /** The value as written (entities not resolved); attributeValue() decodes it. */
  readonly raw: string
  /** Start of the whitespace before the name: the cut starts here. */
  readonly cutStart: number
  /** One past the closing quote. */
  readonly end: number
}

export interface PreferencesDocument {
  readonly bytes: Buffer
  readonly encoding: 'utf-8' | 'iso-8859-1'
  readonly hasBom: boolean
  readonly attributes: readonly RootAttribute[]
}

const UTF8_BOM = [0xef, 0xbb, 0xbf]
const LATIN1_NAMES = new Set(['iso-8859-1', 'latin1', 'latin-1', 'l1', 'iso_8859-1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii'])
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function refuse(code: ConstructorParameters<typeof CoreError>[0], message: string): never {
  throw new CoreError(code, message)
}

function detectEncoding(bytes: Buffer): { encoding: 'utf-8' | 'iso-8859-1'; hasBom: boolean } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    refuse('UNSUPPORTED_ENCODING', 'This file is UTF-16 encoded, which Plex never writes. Re-save it as UTF-8 and try again.')
  }
  const hasBom = UTF8_BOM.every((b, i) => bytes[i] === b)
  const head = bytes.subarray(0, 200).toString('latin1')
  const declared = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase()
  if (!declared || declared === 'utf-8' || declared === 'utf8') return { encoding: 'utf-8', hasBom }
  if (LATIN1_NAMES.has(declared)) return { encoding: 'iso-8859-1', hasBom }
  return refuse('UNSUPPORTED_ENCODING', `The file declares encoding "${declared}", which Plex Reclaim does not edit. Re-save it as UTF-8.`)
}

function unescapeValue(raw: string): string {
  if (!raw.includes('&')) return raw
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16))
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10))
    return PREDEFINED[ref] ?? whole
  })
}

const DOCTYPE_MESSAGE = 'The file contains a DOCTYPE, which Plex never writes and which can hide entity tricks. Nothing was changed.'

/** Character offsets in the decoded text to byte offsets in the file, walking forward once. */
function toByteOffsets(text: string, byteLength: number, attributes: readonly ScannedAttribute[], encoding: 'utf-8' | 'iso-8859-1', base: number): RootAttribute[] {
  // One byte per character: latin1 always, UTF-8 when the text is all ASCII (the usual case).
  if (encoding === 'iso-8859-1' || text.length === byteLength) return attributes.map((a) => ({ name: a.name, raw: a.raw, cutStart: a.cutStart + base, end: a.end + base }))
  let chars = 0
  let bytes = base
  const at = (offset: number): number => {
    bytes += Buffer.byteLength(text.slice(chars, offset), 'utf8')
    chars = offset
    return bytes
  }
  return attributes.map((a) => ({ name: a.name, raw: a.raw, cutStart: at(a.cutStart), end: at(a.end) }))
}

/** Validates the bytes as a Preferences.xml and indexes its root attributes. */
export function parsePreferences(bytes: Buffer): PreferencesDocument {
  if (bytes.length === 0) refuse('EMPTY_FILE', 'The file is empty. Plex may have been interrupted while writing it: restore it from a backup.')
  const { encoding, hasBom } = detectEncoding(bytes)
  if (bytes.subarray(0, 8192).includes(0)) refuse('BINARY_FILE', 'This is a binary file, not a Preferences.xml. Choose the Preferences.xml in the Plex Media Server data folder.')
  const base = hasBom ? 3 : 0
  const body = bytes.subarray(base)
  if (encoding === 'utf-8' && !isUtf8(body)) {
    refuse('UNSUPPORTED_ENCODING', 'The file says it is UTF-8 but holds bytes that are not. Re-save it as UTF-8 (or restore it from a backup); nothing was changed.')
  }
  const text = body.toString(encoding === 'utf-8' ? 'utf8' : 'latin1')
  // A DOCTYPE is refused before anything is expanded, so a billion-laughs file costs nothing.
  const result = checkWellFormed(text)
  if (!result.ok) {
    if (result.doctype) refuse('DOCTYPE_REFUSED', DOCTYPE_MESSAGE)
    refuse('MALFORMED_XML', `The file is not well-formed XML (${result.message}). Restore it from a backup or fix it by hand; nothing was changed.`)
  }
  if (result.root !== 'Preferences') {
    refuse('NOT_PREFERENCES', `The root element is <${result.root}>, not <Preferences>: this is not a Plex Media Server settings file. Choose the Preferences.xml in the server's data folder.`)
  }
  return { bytes, encoding, hasBom, attributes: toByteOffsets(text, body.length, result.attributes, encoding, base) }
}

/** Decoded on demand: a large file has thousands of attributes and only a few are ever read. */
export function attributeValue(doc: PreferencesDocument, name: string): string | undefined {
  const raw = doc.attributes.find((a) => a.name === name)?.raw
  return raw === undefined ? undefined : unescapeValue(raw)
}

export function signInKeysPresent(doc: PreferencesDocument): SignInKey[] {
  return SIGN_IN_KEYS.filter((key) => doc.attributes.some((a) => a.name === key))
}

export interface RemovalResult {
  readonly bytes: Buffer
  readonly removed: SignInKey[]
}

/** Cuts each sign-in attribute with the whitespace before it; every other byte stays. */
export function removeSignInKeys(doc: PreferencesDocument): RemovalResult {
  const cuts = doc.attributes.filter((a) => (SIGN_IN_KEYS as readonly string[]).includes(a.name))
  if (cuts.length === 0) return { bytes: doc.bytes, removed: [] }
  const parts: Buffer[] = []
  let from = 0
  for (const cut of cuts) {
    parts.push(doc.bytes.subarray(from, cut.cutStart))
    from = cut.end
  }
  parts.push(doc.bytes.subarray(from))
  return { bytes: Buffer.concat(parts), removed: cuts.map((c) => c.name as SignInKey) }
}
