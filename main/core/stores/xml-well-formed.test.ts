import { SaxesParser } from 'saxes'
import { describe, expect, it } from 'vitest'
import { realWorldFixtures } from '../../../test/support/fixtures'
import { checkWellFormed } from './xml-well-formed'

/** The oracle: saxes, a strict and maintained XML parser. A DOCTYPE counts as a refusal. */
function saxesAccepts(text: string): boolean {
  const parser = new SaxesParser()
  let ok = true
  parser.on('error', () => (ok = false))
  parser.on('doctype', () => (ok = false))
  try {
    parser.write(text).close()
  } catch {
    ok = false
  }
  return ok
}

const SMALL = [
  '<?xml version="1.0" encoding="utf-8"?>\n<Preferences A="1" B=\'x&amp;y\' C="&#233;"/>\n',
  '<!-- c --><Preferences\n  A="1"\n  PlexOnlineToken="t"\n></Preferences>',
  '<?xml version="1.0"?><Preferences A="1"><Child x="&lt;"/>text &gt; <![CDATA[ <raw> ]]><?pi data?><!--c--></Preferences><!-- tail -->\n'
]

const MUTATIONS = ['<', '>', '&', '"', "'", '=', ' ', '/', '-', ']]>', '&foo;', '&#0;', '\u0001', '<!--', '?>', 'x']

function corpus(): string[] {
  const out = new Set<string>()
  for (const doc of [...SMALL, ...realWorldFixtures().map((f) => f.bytes.toString('utf8')).filter((t) => t.length < 1200)]) {
    out.add(doc)
    for (let i = 0; i <= doc.length; i++) {
      out.add(doc.slice(0, i)) // every truncation
      out.add(doc.slice(0, i) + doc.slice(i + 1)) // every single deletion
      for (const m of MUTATIONS) out.add(doc.slice(0, i) + m + doc.slice(i))
    }
  }
  return [...out]
}

describe('well-formedness check', () => {
  it('agrees with saxes on every document of a mutation corpus', () => {
    const docs = corpus()
    expect(docs.length).toBeGreaterThan(20_000)
    const disagreements = docs.filter((d) => checkWellFormed(d).ok !== saxesAccepts(d))
    expect(disagreements.slice(0, 5)).toEqual([])
  }, 120_000)

  it('indexes the root attributes with the whitespace before each', () => {
    const text = '<Preferences  A="1"\n\tB=\'2\'/>'
    const r = checkWellFormed(text)
    expect(r).toMatchObject({ ok: true, root: 'Preferences' })
    if (!r.ok) return
    expect(r.attributes.map((a) => [a.name, a.raw, text.slice(a.cutStart, a.end)])).toEqual([
      ['A', '1', '  A="1"'],
      ['B', '2', "\n\tB='2'"]
    ])
  })

  it('marks a DOCTYPE so it can be refused on its own terms', () => {
    expect(checkWellFormed('<!DOCTYPE x [<!ENTITY a "b">]><x/>')).toMatchObject({ ok: false, doctype: true })
  })

  it('indexes every attribute of a large root element', () => {
    const text = `<Preferences ${Array.from({ length: 3000 }, (_, i) => `A${i}="${'v'.repeat(30)}"`).join(' ')}/>`
    const r = checkWellFormed(text)
    expect(r.ok && r.attributes.length).toBe(3000)
  })
})
