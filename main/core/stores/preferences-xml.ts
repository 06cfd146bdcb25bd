import { SaxesParser } from 'saxes'
import { CoreError } from '../result'
import { SIGN_IN_KEYS, type SignInKey } from './keys'

/**
 * Byte-exact reading and editing of Plex's Preferences.xml.
 *
 * The document is checked by a strict parser (saxes), but it is never re-serialized: the edit
 * cuts byte ranges out of the original buffer. Offsets come from a scanner over a latin1 view of
 * the bytes, where one character is one byte, so multi-byte UTF-8 in values cannot shift them.
 */

export interface RootAttribute {
  readonly name: string
  /** Decoded value (entities resolved). */
  readonly value: string
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

function decodeValue(raw: string, encoding: 'utf-8' | 'iso-8859-1'): string {
  const text = encoding === 'utf-8' ? Buffer.from(raw, 'latin1').toString('utf8') : raw
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16))
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10))
    return PREDEFINED[ref] ?? whole
  })
}

/** Strict well-formedness: one root, no DOCTYPE, no undefined entities, unique attributes. */
function checkWellFormed(text: string): string {
  const parser = new SaxesParser()
  let problem: string | undefined
  let root: string | undefined
  parser.on('error', (e) => {
    problem ??= e.message
  })
  parser.on('doctype', () => {
    problem ??= 'doctype'
  })
  parser.on('opentagstart', (tag) => {
    root ??= tag.name
  })
  parser.write(text).close()
  if (problem === 'doctype') {
    refuse('DOCTYPE_REFUSED', 'The file contains a DOCTYPE, which Plex never writes and which can hide entity tricks. Nothing was changed.')
  }
  if (problem) {
    refuse('MALFORMED_XML', `The file is not well-formed XML (${problem.replace(/\.$/, '')}). Restore it from a backup or fix it by hand; nothing was changed.`)
  }
  return root ?? ''
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d

/** Skips whitespace, processing instructions and comments; returns where the next markup starts. */
function skipProlog(view: string, start: number): number {
  let i = start
  for (;;) {
    while (i < view.length && isSpace(view.charCodeAt(i))) i++
    const close = view.startsWith('<?', i) ? '?>' : view.startsWith('<!--', i) ? '-->' : undefined
    if (!close) return i
    const at = view.indexOf(close, i + 2)
    if (at < 0) return view.length
    i = at + close.length
  }
}

/** Returns the root start tag's attributes with byte offsets (the document is known well-formed). */
function scanRootAttributes(view: string, start: number, encoding: 'utf-8' | 'iso-8859-1'): RootAttribute[] {
  let i = skipProlog(view, start) + 1
  while (i < view.length && !isSpace(view.charCodeAt(i)) && view[i] !== '>' && view[i] !== '/') i++
  const attributes: RootAttribute[] = []
  for (;;) {
    const cutStart = i
    while (isSpace(view.charCodeAt(i))) i++
    const c = view[i]
    if (c === '>' || c === '/' || c === undefined) return attributes
    const nameStart = i
    while (!isSpace(view.charCodeAt(i)) && view[i] !== '=') i++
    const name = view.slice(nameStart, i)
    while (view[i] !== '"' && view[i] !== "'") i++
    const quote = view[i]!
    const valueStart = i + 1
    const valueEnd = view.indexOf(quote, valueStart)
    i = valueEnd + 1
    attributes.push({ name, value: decodeValue(view.slice(valueStart, valueEnd), encoding), cutStart, end: i })
  }
}

/** Validates the bytes as a Preferences.xml and indexes its root attributes. */
export function parsePreferences(bytes: Buffer): PreferencesDocument {
  if (bytes.length === 0) refuse('EMPTY_FILE', 'The file is empty. Plex may have been interrupted while writing it: restore it from a backup.')
  const { encoding, hasBom } = detectEncoding(bytes)
  const probe = bytes.subarray(0, 8192)
  if (probe.includes(0)) refuse('BINARY_FILE', 'This is a binary file, not a Preferences.xml. Choose the Preferences.xml in the Plex Media Server data folder.')
  const view = bytes.toString('latin1')
  const bodyStart = hasBom ? 3 : 0
  // Refused before parsing, so a billion-laughs file costs nothing.
  if (view.startsWith('<!DOCTYPE', skipProlog(view, bodyStart))) {
    refuse('DOCTYPE_REFUSED', 'The file contains a DOCTYPE, which Plex never writes and which can hide entity tricks. Nothing was changed.')
  }
  const text = encoding === 'utf-8' ? bytes.subarray(bodyStart).toString('utf8') : view.slice(bodyStart)
  const root = checkWellFormed(text)
  if (root !== 'Preferences') {
    refuse('NOT_PREFERENCES', `The root element is <${root}>, not <Preferences>: this is not a Plex Media Server settings file. Choose the Preferences.xml in the server's data folder.`)
  }
  return { bytes, encoding, hasBom, attributes: scanRootAttributes(view, bodyStart, encoding) }
}

export const attributeValue = (doc: PreferencesDocument, name: string): string | undefined =>
  doc.attributes.find((a) => a.name === name)?.value

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
