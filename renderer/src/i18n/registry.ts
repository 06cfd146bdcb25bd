import { en, type Messages } from '../messages/en'
import { ERRORS, FALLBACK, type Worded } from '../messages/errors'

/** A language as the switch offers it: known before its catalogue is loaded. */
export interface LocaleInfo {
  /** BCP 47 tag: <html lang>, Intl and the file's name. */
  readonly tag: string
  /** The language's own name, as its speakers look for it in the switch. */
  readonly name: string
  /** "Language", in this language: the switch's label. */
  readonly label: string
  /** What joins a label to its value (":", French " :", Japanese "："), without the gap after it. */
  readonly colon: string
  /** What goes between two sentences or after a colon: a space, or nothing in Japanese. */
  readonly gap: string
  /** Parentheses around an aside: Japanese writes full-width ones, like its catalogue. */
  readonly parens: readonly [string, string]
}

interface Catalogue {
  readonly messages: Messages
  readonly errors: Readonly<Record<string, Worded>>
  readonly fallback: Worded
}

export type Locale = LocaleInfo & Catalogue

/** Punctuation that components put between catalogue texts; most languages write ": ", " " and " (…)". */
const TYPOGRAPHY: Readonly<Record<string, Pick<LocaleInfo, 'colon' | 'gap' | 'parens'>>> = {
  fr: { colon: '\u202f:', gap: ' ', parens: [' (', ')'] },
  ja: { colon: '：', gap: '', parens: ['（', '）'] }
}

const info = (tag: string, name: string, label: string): LocaleInfo => ({ tag, name, label, ...(TYPOGRAPHY[tag] ?? { colon: ':', gap: ' ', parens: [' (', ')'] }) })

/** The languages in the order of the switch: English first, then as the issue lists them. */
export const LOCALES: readonly LocaleInfo[] = [
  info('en', 'English', 'Language'),
  info('de', 'Deutsch', 'Sprache'),
  info('fr', 'Français', 'Langue'),
  info('es', 'Español', 'Idioma'),
  info('nl', 'Nederlands', 'Taal'),
  info('it', 'Italiano', 'Lingua'),
  info('pt-BR', 'Português (Brasil)', 'Idioma'),
  info('sv', 'Svenska', 'Språk'),
  info('pl', 'Polski', 'Język'),
  info('ja', '日本語', '言語')
]

export const TAGS: readonly string[] = LOCALES.map((l) => l.tag)

/**
 * Each language's catalogue is its own chunk, fetched when it is chosen: the first screen loads
 * English (built in, the fallback) and at most the one language it shows.
 */
const LOADERS: Readonly<Record<string, () => Promise<Catalogue>>> = {
  de: async () => {
    const [m, e] = await Promise.all([import('../messages/locales/de'), import('../messages/locales/de-errors')])
    return { messages: m.de, errors: e.deErrors, fallback: e.deFallback }
  },
  fr: async () => {
    const [m, e] = await Promise.all([import('../messages/locales/fr'), import('../messages/locales/fr-errors')])
    return { messages: m.fr, errors: e.frErrors, fallback: e.frFallback }
  },
  es: async () => {
    const [m, e] = await Promise.all([import('../messages/locales/es'), import('../messages/locales/es-errors')])
    return { messages: m.es, errors: e.esErrors, fallback: e.esFallback }
  },
  nl: async () => {
    const [m, e] = await Promise.all([import('../messages/locales/nl'), import('../messages/locales/nl-errors')])
    return { messages: m.nl, errors: e.nlErrors, fallback: e.nlFallback }
  },
  it: async () => {
    const [m, e] = await Promise.all([import('../messages/locales/it'), import('../messages/locales/it-errors')])
    return { messages: m.it, errors: e.itErrors, fallback: e.itFallback }
  },
  'pt-BR': async () => {
    const [m, e] = await Promise.all([import('../messages/locales/pt-BR'), import('../messages/locales/pt-BR-errors')])
    return { messages: m.ptBR, errors: e.ptBRErrors, fallback: e.ptBRFallback }
  },
  sv: async () => {
    const [m, e] = await Promise.all([import('../messages/locales/sv'), import('../messages/locales/sv-errors')])
    return { messages: m.sv, errors: e.svErrors, fallback: e.svFallback }
  },
  pl: async () => {
    const [m, e] = await Promise.all([import('../messages/locales/pl'), import('../messages/locales/pl-errors')])
    return { messages: m.pl, errors: e.plErrors, fallback: e.plFallback }
  },
  ja: async () => {
    const [m, e] = await Promise.all([import('../messages/locales/ja'), import('../messages/locales/ja-errors')])
    return { messages: m.ja, errors: e.jaErrors, fallback: e.jaFallback }
  }
}

const infoOf = (tag: string): LocaleInfo => LOCALES.find((l) => l.tag === tag) ?? LOCALES[0]!

/** Loaded languages, each one object for good (components select it from the store by identity). */
const loaded = new Map<string, Locale>([['en', { ...LOCALES[0]!, messages: en, errors: ERRORS, fallback: FALLBACK }]])

/** Fetches a language's catalogue once; resolves false for a language that is not offered. */
export async function loadLocale(tag: string): Promise<boolean> {
  if (loaded.has(tag)) return true
  const load = LOADERS[tag]
  if (!load) return false
  loaded.set(tag, { ...infoOf(tag), ...(await load()) })
  return true
}

export const isLoaded = (tag: string): boolean => loaded.has(tag)

/** A loaded language (English until its catalogue has arrived). */
export const localeOf = (tag: string): Locale => loaded.get(tag) ?? loaded.get('en')!
