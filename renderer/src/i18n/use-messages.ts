import type { Messages } from '../messages/en'
import type { Worded } from '../messages/errors'
import { formatDate, formatNumber, formatSeconds } from './intl'
import { useLocale } from './locale-store'
import { localeOf, type Locale } from './registry'

/** The active language's catalogue: components re-render when the language is switched. */
export const useMessages = (): Messages => useLocale((s) => localeOf(s.tag).messages)

/** A core error's code in plain words of the active language; unknown codes get the fallback. */
export function useWorded(): (code: string) => Worded {
  const locale = useLocale((s) => localeOf(s.tag))
  return (code) => wordedIn(locale, code)
}

export const wordedIn = (locale: Locale, code: string): Worded => (Object.hasOwn(locale.errors, code) ? locale.errors[code]! : locale.fallback)

/** The active language's colon and sentence gap, for texts a component puts side by side. */
export function useTypography(): { readonly colon: string; readonly gap: string; readonly parens: readonly [string, string] } {
  const locale = useLocale((s) => localeOf(s.tag))
  return { colon: locale.colon, gap: locale.gap, parens: locale.parens }
}

/** Dates and numbers as the active language writes them. */
export function useFormat(): { readonly date: (iso: string) => string; readonly number: (n: number) => string; readonly seconds: (ms: number) => string } {
  const tag = useLocale((s) => s.tag)
  return { date: (iso) => formatDate(tag, iso), number: (n) => formatNumber(tag, n), seconds: (ms) => formatSeconds(tag, ms) }
}
