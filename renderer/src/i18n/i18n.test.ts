import { describe, expect, it } from 'vitest'
import { formatDate, formatNumber, formatSeconds, plural } from './intl'
import { pickLocale } from './pick'

const TAGS = ['en', 'de', 'fr', 'pt-BR', 'pl', 'ja']

describe('the starting language', () => {
  it('is the one chosen before, when it is still offered', () => {
    expect(pickLocale(TAGS, 'ja', ['de-DE'])).toBe('ja')
    expect(pickLocale(TAGS, 'xx', ['de-DE'])).toBe('de')
  })

  it('is the first OS language offered, exactly or by its base language', () => {
    expect(pickLocale(TAGS, null, ['pt-BR', 'en'])).toBe('pt-BR')
    expect(pickLocale(TAGS, null, ['pt-PT'])).toBe('pt-BR')
    expect(pickLocale(TAGS, null, ['de-AT', 'ja'])).toBe('de')
    expect(pickLocale(TAGS, null, ['ko', 'ja-JP', 'de'])).toBe('ja')
  })

  it('is English when none of the OS languages is offered', () => {
    expect(pickLocale(TAGS, null, ['ko', 'zh-CN'])).toBe('en')
    expect(pickLocale(TAGS, null, [])).toBe('en')
  })
})

describe('Intl in the active language', () => {
  it('chooses plural forms by the language\u2019s own rules', () => {
    const pl = { one: 'serwer', few: 'serwery', many: 'serwerów', other: 'serwera' }
    expect([1, 2, 5, 22, 25].map((n) => plural('pl', n, pl))).toEqual(['serwer', 'serwery', 'serwerów', 'serwery', 'serwerów'])
    expect(plural('ja', 1, { one: 'never', other: 'always' })).toBe('always')
    expect(plural('de', 1, { one: 'ein', other: 'viele' })).toBe('ein')
  })

  it('writes numbers and dates as the language does', () => {
    expect(formatNumber('de', 12345)).toBe('12.345')
    expect(formatNumber('en', 12345)).toBe('12,345')
    const iso = '2026-03-07T09:05:00Z'
    expect(formatDate('de', iso)).toContain('07.03.2026')
    expect(formatDate('ja', iso)).toContain('2026/03/07')
    expect(formatDate('en', 'not a date')).toBe('not a date')
    expect(formatSeconds('de', 1234)).toMatch(/^1,2\s*Sek\.$/)
    expect(formatSeconds('ja', 1234)).toMatch(/^1\.2\s*秒$/)
  })
})
