import { SaxesParser } from 'saxes'

/**
 * The simulator's own reading and writing of Preferences.xml. It deliberately shares nothing with
 * the product's parser (main/core/stores): saxes is a strict, independent XML parser, so a file the
 * product edits wrongly is refused or read differently here, and a test can see it.
 */
export function readSettings(bytes: Buffer): Map<string, string> {
  const parser = new SaxesParser()
  let root: Map<string, string> | null = null
  let failure: Error | null = null
  parser.on('opentag', (node) => {
    if (root) return
    if (node.name !== 'Preferences') failure ??= new Error(`the root element is <${node.name}>, not <Preferences>`)
    root = new Map(Object.entries(node.attributes as Record<string, string>))
  })
  parser.on('error', (error) => {
    failure ??= error
  })
  parser.write(bytes.toString('utf8')).close()
  if (failure) throw new Error(`Preferences.xml is not valid: ${(failure as Error).message}`)
  if (!root) throw new Error('Preferences.xml has no <Preferences> element')
  return root
}

const escapeAttribute = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** How PMS writes the file: one element, attributes in its own order, double quotes. */
export function writeSettings(settings: ReadonlyMap<string, string>): Buffer {
  const attrs = [...settings].map(([k, v]) => `${k}="${escapeAttribute(v)}"`).join(' ')
  return Buffer.from(`<?xml version="1.0" encoding="utf-8"?>\n<Preferences ${attrs}/>\n`)
}

export const escapeXml = escapeAttribute
