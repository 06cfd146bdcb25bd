import { beforeAll, describe, expect, it } from 'vitest'
import { useLocale } from './locale-store'
import { isLoaded, loadLocale, localeOf } from './registry'
import { wordedIn } from './use-messages'

describe('the chosen language', () => {
  beforeAll(() => Promise.all(['de', 'ja'].map(loadLocale)))

  it('is loaded only when chosen: English is built in, the others are fetched on demand', async () => {
    expect(isLoaded('en')).toBe(true)
    expect(isLoaded('sv')).toBe(false)
    expect(localeOf('sv').messages).toBe(localeOf('en').messages)
    await useLocale.getState().choose('sv')
    expect(isLoaded('sv')).toBe(true)
    expect(localeOf('sv').messages.nav.back).not.toBe(localeOf('en').messages.nav.back)
  })

  it('is remembered, marks <html lang>, and refuses a language it does not have', async () => {
    await useLocale.getState().choose('de')
    expect(useLocale.getState().tag).toBe('de')
    expect(document.documentElement.lang).toBe('de')
    expect(localStorage.getItem('plex-reclaim.locale')).toBe('de')
    await useLocale.getState().choose('xx')
    expect(useLocale.getState().tag).toBe('de')
    expect(localStorage.getItem('plex-reclaim.locale')).toBe('de')
    await useLocale.getState().choose('en')
    expect(document.documentElement.lang).toBe('en')
  })

  it('words a core error code in that language, and an unknown code with its fallback', () => {
    expect(wordedIn(localeOf('de'), 'DISK_FULL').what).toBe('Der Datenträger ist voll.')
    expect(wordedIn(localeOf('ja'), 'NO_SUCH_CODE')).toBe(localeOf('ja').fallback)
    // A code is looked up as the catalogue's own key, never through the prototype.
    expect(wordedIn(localeOf('en'), 'toString')).toBe(localeOf('en').fallback)
  })
})

describe('Japanese', () => {
  it('writes one width of parentheses: its catalogue and what components put around a text', async () => {
    await loadLocale('ja')
    const ja = localeOf('ja')
    expect(ja.parens).toEqual(['（', '）'])
    const half: string[] = []
    const visit = (node: unknown, at: string): void => {
      const text = typeof node === 'function' ? (node as (...a: unknown[]) => unknown)(...Array.from({ length: node.length }, () => 'X')) : node
      if (typeof text === 'string' && /[()]/.test(text)) half.push(`${at}: ${text}`)
      else if (typeof text === 'object' && text !== null) for (const [k, v] of Object.entries(text)) visit(v, `${at}.${k}`)
    }
    visit(ja.messages, '')
    visit(ja.errors, 'errors')
    expect(half).toEqual([])
  })
})
