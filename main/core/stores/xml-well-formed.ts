/**
 * A strict XML 1.0 well-formedness check for documents without a DTD, in one pass, that also
 * indexes the root element's attributes (name, raw value, where the cut starts and ends).
 * Offsets are UTF-16 indexes into the decoded text.
 *
 * Why not a library: fast-xml-parser's XMLValidator (5.12, the design's XML library) was run
 * against saxes on the mutation corpus of xml-well-formed.test.ts with a DOCTYPE refused first:
 * of 165,709 documents it accepted 28,677 that saxes refuses (a broken XML declaration, "<" in a
 * value, …) and refused none that saxes accepts. A checker that lets malformed files through
 * cannot guard a byte-exact edit, so this one stays; saxes remains the tests' oracle.
 * Long runs (a 64 MB value or comment) are scanned with indexOf, never a repeated regex group.
 */

export interface ScannedAttribute {
  readonly name: string
  readonly raw: string
  /** Start of the whitespace before the name. */
  readonly cutStart: number
  /** One past the closing quote. */
  readonly end: number
}

export type WellFormedResult =
  | { readonly ok: true; readonly root: string; readonly attributes: readonly ScannedAttribute[] }
  | { readonly ok: false; readonly doctype: boolean; readonly message: string }

// XML 1.0 (fifth edition) productions 4, 4a and 5.
// Written without the u flag (V8 runs such patterns faster): U+10000 to U+EFFFF as surrogate pairs.
const NAME_START_BMP = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD'
const ASTRAL = '[\\uD800-\\uDB7F][\\uDC00-\\uDFFF]'
const NAME = `(?:[${NAME_START_BMP}]|${ASTRAL})(?:[${NAME_START_BMP}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040]|${ASTRAL})*`
const REF = '&(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);'

const sticky = (source: string): RegExp => new RegExp(source, 'y')
const RE = {
  space: /[ \t\r\n]+/y,
  xmlDecl: /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*\?>/y,
  pi: sticky(`<\\?(${NAME})(?:[ \\t\\r\\n][\\s\\S]*?)?\\?>`),
  cdata: /<!\[CDATA\[[\s\S]*?\]\]>/y,
  open: sticky(`<(${NAME})`),
  // Up to the opening quote only: the value is scanned with indexOf, since a repeated group over a
  // 10 MB value overflows V8's regular-expression stack.
  attributeStart: sticky(`([ \\t\\r\\n]+)(${NAME})[ \\t\\r\\n]*=[ \\t\\r\\n]*(["'])`),
  tagEnd: /[ \t\r\n]*(\/?)>/y,
  close: sticky(`</(${NAME})[ \\t\\r\\n]*>`),
  text: /[^<&]+/y,
  ref: new RegExp(REF, 'y'),
  charRef: /&#(x[0-9a-fA-F]+|[0-9]+);/g,
  // Char, production 2: anything else anywhere in the document is an error.
  badChar: /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
}

const isXmlChar = (c: number): boolean => c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff)

function validCharRefs(text: string): boolean {
  for (const m of text.matchAll(RE.charRef)) {
    const code = m[1]!.startsWith('x') ? parseInt(m[1]!.slice(1), 16) : parseInt(m[1]!, 10)
    if (!isXmlChar(code)) return false
  }
  return true
}

export function checkWellFormed(text: string): WellFormedResult {
  let i = 0
  const fail = (message: string, at = i, doctype = false): WellFormedResult => {
    const before = text.slice(0, at)
    const line = before.split('\n').length
    return { ok: false, doctype, message: `${line}:${at - before.lastIndexOf('\n')}: ${message}` }
  }
  const match = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = i
    const m = re.exec(text)
    if (m) i = re.lastIndex
    return m
  }
  /** <!-- … -->: no "--" inside, and not ending in "-". */
  const comment = (): boolean => {
    const end = text.indexOf('--', i + 4)
    if (end === -1 || !text.startsWith('-->', end)) return false
    i = end + 3
    return true
  }
  /** The value after its opening quote, up to the closing one: no "<", and "&" only as a reference. */
  const attributeValue = (quote: string): string | null => {
    const close = text.indexOf(quote, i)
    if (close === -1) return null
    const raw = text.slice(i, close)
    if (raw.includes('<')) return null
    for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', amp + 1)) {
      RE.ref.lastIndex = i + amp
      if (!RE.ref.test(text)) return null
    }
    i = close + 1
    return raw
  }
  const bad = RE.badChar.exec(text)
  if (bad) return fail('disallowed character', bad.index)
  /** Whitespace, comments and processing instructions (prolog and after the root). */
  const misc = (): WellFormedResult | null => {
    for (;;) {
      if (match(RE.space)) continue
      if (text.startsWith('<!--', i)) {
        if (!comment()) return fail('malformed comment')
        continue
      }
      if (text.startsWith('<?', i)) {
        const pi = match(RE.pi)
        if (!pi) return fail('malformed processing instruction')
        if (pi[1]!.toLowerCase() === 'xml') return fail('the XML declaration must come first', i - pi[0].length)
        continue
      }
      return null
    }
  }

  if (text.startsWith('<?xml', i) && /[ \t\r\n?]/.test(text[i + 5] ?? '')) {
    if (!match(RE.xmlDecl)) return fail('malformed XML declaration')
  }
  const prolog = misc()
  if (prolog) return prolog
  if (text.startsWith('<!DOCTYPE', i)) return fail('a DOCTYPE is not allowed', i, true)
  if (i >= text.length) return fail('document must contain a root element')

  const stack: string[] = []
  let root: string | undefined
  let rootAttributes: ScannedAttribute[] = []
  for (;;) {
    if (stack.length === 0 && root !== undefined) break
    if (text.startsWith('<', i) && !text.startsWith('</', i) && !text.startsWith('<!', i) && !text.startsWith('<?', i)) {
      const open = match(RE.open)
      if (!open) return fail('malformed start tag')
      const name = open[1]!
      const seen = new Set<string>()
      const attributes: ScannedAttribute[] = []
      for (;;) {
        const start = i
        const a = match(RE.attributeStart)
        if (!a) break
        const raw = attributeValue(a[3]!)
        if (raw === null) return fail('malformed attribute')
        const attrName = a[2]!
        if (seen.has(attrName)) return fail(`duplicate attribute: ${attrName}`, start + a[1]!.length)
        seen.add(attrName)
        if (raw.includes('&#') && !validCharRefs(raw)) return fail('character reference to a disallowed character', start)
        attributes.push({ name: attrName, raw, cutStart: start, end: i })
      }
      const end = match(RE.tagEnd)
      if (!end) return fail(i >= text.length ? `unclosed tag: ${name}` : 'malformed attribute')
      if (root === undefined) {
        root = name
        rootAttributes = attributes
      }
      if (end[1] !== '/') stack.push(name)
      continue
    }
    if (stack.length === 0) return fail('document must contain a root element')
    if (text.startsWith('</', i)) {
      const close = match(RE.close)
      if (!close) return fail('malformed end tag')
      const expected = stack.pop()
      if (close[1] !== expected) return fail(`unexpected close tag: expected </${expected}>`, i - close[0].length)
      continue
    }
    if (text.startsWith('<!--', i)) {
      if (!comment()) return fail('malformed comment')
      continue
    }
    if (text.startsWith('<![CDATA[', i)) {
      if (!match(RE.cdata)) return fail('unclosed CDATA section')
      continue
    }
    if (text.startsWith('<?', i)) {
      const pi = match(RE.pi)
      if (!pi || pi[1]!.toLowerCase() === 'xml') return fail('malformed processing instruction')
      continue
    }
    if (text.startsWith('&', i)) {
      const ref = match(RE.ref)
      if (!ref) return fail('undefined entity')
      if (!validCharRefs(ref[0])) return fail('character reference to a disallowed character')
      continue
    }
    const chunk = match(RE.text)
    if (chunk) {
      if (chunk[0].includes(']]>')) return fail('the string "]]>" is not allowed in text', i - chunk[0].length + chunk[0].indexOf(']]>'))
      continue
    }
    return fail(i >= text.length ? `unclosed tag: ${stack[stack.length - 1]}` : 'malformed markup')
  }

  const trailing = misc()
  if (trailing) return trailing
  if (i < text.length) return fail(text.startsWith('<', i) && !text.startsWith('<!', i) ? 'documents may contain only one root' : 'text data outside of root node')
  return { ok: true, root: root!, attributes: rootAttributes }
}
