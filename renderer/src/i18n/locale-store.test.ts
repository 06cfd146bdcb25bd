import { describe, expect, it } from 'vitest'
import { useLocale } from './locale-store'
import { localeOf } from './registry'
import { wordedIn } from './use-messages'

describe('the chosen language', () => {
  it('is remembered, marks <html lang>, and refuses a language it does not have', () => {
    useLocale.getState().choose('de')
    expect(useLocale.getState().tag).toBe('de')
    expect(document.documentElement.lang).toBe('de')
    expect(localStorage.getItem('plex-reclaim.locale')).toBe('de')
    useLocale.getState().choose('xx')
    expect(useLocale.getState().tag).toBe('de')
    expect(localStorage.getItem('plex-reclaim.locale')).toBe('de')
    useLocale.getState().choose('en')
    expect(document.documentElement.lang).toBe('en')
  })

  it('words a core error code in that language, and an unknown code with its fallback', () => {
    expect(wordedIn(localeOf('de'), 'DISK_FULL').what).toBe('Der Datenträger ist voll.')
    expect(wordedIn(localeOf('ja'), 'NO_SUCH_CODE')).toBe(localeOf('ja').fallback)
    // A code is looked up as the catalogue's own key, never through the prototype.
    expect(wordedIn(localeOf('en'), 'toString')).toBe(localeOf('en').fallback)
  })
})
