import { describe, expect, it } from 'vitest'
import { LOCALES, loadLocale, localeOf } from '../i18n/registry'
import { en } from './en'
import { ERRORS, FALLBACK } from './errors'

/**
 * Every language against English, found from the folder (so a new locale file is covered without
 * being named here): the same keys at every depth, no extra ones, the same arity for every
 * function, and non-empty text. The errors catalogue likewise, against ERRORS and FALLBACK.
 */
const files = import.meta.glob<Record<string, unknown>>('./locales/*.ts', { eager: true })

const tagOf = (path: string): string => path.replace(/^.*\//, '').replace(/\.ts$/, '')
// A language's files are named by its tag (de, pt-BR) and tag-errors; other files there (a long
// catalogue's second half, a helper) are parts of one of them.
const LANGUAGE_FILE = /^[a-z]{2,3}(-[A-Z]{2})?(-errors)?$/
const languageFiles = Object.entries(files).filter(([path]) => LANGUAGE_FILE.test(tagOf(path)))
const catalogues = languageFiles.filter(([path]) => !tagOf(path).endsWith('-errors'))
const errorFiles = languageFiles.filter(([path]) => tagOf(path).endsWith('-errors'))

/** The one export of a locale's file, or of its errors file the one whose name ends in `suffix`. */
function exported(module: Record<string, unknown>, suffix = ''): unknown {
  const found = Object.entries(module).filter(([name]) => name.endsWith(suffix))
  expect(found.map(([name]) => name), `exports ending in "${suffix}"`).toHaveLength(1)
  return found[0]![1]
}

/** Where `other` differs from `model` in shape: missing or extra keys, a wrong kind, another arity, empty text. */
function differences(model: unknown, other: unknown, at = ''): string[] {
  if (typeof model === 'function') {
    if (typeof other !== 'function') return [`${at}: should be a function`]
    return model.length === other.length ? [] : [`${at}: takes ${other.length} arguments, English ${model.length}`]
  }
  if (typeof model === 'string') {
    if (typeof other !== 'string') return [`${at}: should be text`]
    return other.trim() ? [] : [`${at}: is empty`]
  }
  if (typeof other !== 'object' || other === null) return [`${at}: should be an object`]
  const m = model as Record<string, unknown>
  const o = other as Record<string, unknown>
  return [
    ...Object.keys(m).flatMap((k) => (k in o ? differences(m[k], o[k], `${at}.${k}`) : [`${at}.${k}: missing`])),
    ...Object.keys(o)
      .filter((k) => !(k in m))
      .map((k) => `${at}.${k}: not in English`)
  ]
}

describe('the message catalogues', () => {
  it('finds every language in the folder, with its errors file, and all of them in the switch', () => {
    const tags = catalogues.map(([path]) => tagOf(path)).sort()
    expect(tags.length).toBeGreaterThanOrEqual(2)
    expect(errorFiles.map(([path]) => tagOf(path).replace(/-errors$/, '')).sort()).toEqual(tags)
    expect(LOCALES.map((l) => l.tag).sort()).toEqual(['en', ...tags].sort())
  })

  it.each(catalogues)('%s has exactly the keys of English, with the same arities', (_path, module) => {
    expect(differences(en, exported(module))).toEqual([])
  })

  it.each(errorFiles)('%s words exactly the error codes English words', (_path, module) => {
    expect(differences(ERRORS, exported(module, 'Errors'))).toEqual([])
    expect(differences(FALLBACK, exported(module, 'Fallback'))).toEqual([])
  })

  it('the check itself catches a missing key, an extra key, another arity and empty text', () => {
    const broken = { ...en, loading: ' ', extra: 'x', find: { ...en.find, found: () => 'x', title: undefined }, steps: { ...en.steps, more: 'x' } }
    expect(differences(en, broken)).toEqual([
      '.loading: is empty',
      '.steps.more: not in English',
      '.find.title: should be text',
      '.find.found: takes 0 arguments, English 1',
      '.extra: not in English'
    ])
  })

  it.each(LOCALES.map((l) => [l.tag] as const))('%s: every function gives text for sample arguments', async (tag) => {
    expect(await loadLocale(tag)).toBe(true)
    const locale = localeOf(tag)
    const calls: string[] = []
    const visit = (node: unknown, at: string): void => {
      if (typeof node === 'function') {
        const args = Array.from({ length: node.length }, (_, i) => (i === 0 && at.endsWith('found') ? 3 : i === 0 && at.endsWith('cutOff') ? 'reset' : 'X'))
        const out: unknown = node(...args)
        if (typeof out !== 'string' || !out.trim()) calls.push(at)
      } else if (typeof node === 'object' && node !== null) for (const [k, v] of Object.entries(node)) visit(v, `${at}.${k}`)
    }
    visit(locale.messages, '')
    expect(calls).toEqual([])
  })
})
