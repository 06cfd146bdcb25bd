import { en, type Messages } from '../messages/en'
import { ERRORS, FALLBACK, type Worded } from '../messages/errors'
import { de } from '../messages/locales/de'
import { deErrors, deFallback } from '../messages/locales/de-errors'
import { ja } from '../messages/locales/ja'
import { jaErrors, jaFallback } from '../messages/locales/ja-errors'
import { es } from '../messages/locales/es'
import { esErrors, esFallback } from '../messages/locales/es-errors'
import { fr } from '../messages/locales/fr'
import { frErrors, frFallback } from '../messages/locales/fr-errors'
import { it } from '../messages/locales/it'
import { itErrors, itFallback } from '../messages/locales/it-errors'
import { nl } from '../messages/locales/nl'
import { nlErrors, nlFallback } from '../messages/locales/nl-errors'
import { pl } from '../messages/locales/pl'
import { plErrors, plFallback } from '../messages/locales/pl-errors'
import { ptBR } from '../messages/locales/pt-BR'
import { ptBRErrors, ptBRFallback } from '../messages/locales/pt-BR-errors'
import { sv } from '../messages/locales/sv'
import { svErrors, svFallback } from '../messages/locales/sv-errors'

export interface Locale {
  /** BCP 47 tag: <html lang>, Intl and the file's name. */
  readonly tag: string
  /** The language's own name, as its speakers look for it in the switch. */
  readonly name: string
  /** "Language", in this language: the switch's label. */
  readonly label: string
  readonly messages: Messages
  readonly errors: Readonly<Record<string, Worded>>
  readonly fallback: Worded
  /** What joins a label to its value (":", French " :", Japanese "："), without the gap after it. */
  readonly colon: string
  /** What goes between two sentences or after a colon: a space, or nothing in Japanese. */
  readonly gap: string
}

/** Punctuation that components put between catalogue texts; most languages write ": " and " ". */
const TYPOGRAPHY: Readonly<Record<string, { readonly colon: string; readonly gap: string }>> = {
  fr: { colon: '\u202f:', gap: ' ' },
  ja: { colon: '：', gap: '' }
}

/** Every language's name and the switch's label, so a catalogue needs no key for them. */
const NAMES: Readonly<Record<string, { readonly name: string; readonly label: string }>> = {
  en: { name: 'English', label: 'Language' },
  de: { name: 'Deutsch', label: 'Sprache' },
  fr: { name: 'Français', label: 'Langue' },
  es: { name: 'Español', label: 'Idioma' },
  nl: { name: 'Nederlands', label: 'Taal' },
  it: { name: 'Italiano', label: 'Lingua' },
  'pt-BR': { name: 'Português (Brasil)', label: 'Idioma' },
  sv: { name: 'Svenska', label: 'Språk' },
  pl: { name: 'Polski', label: 'Język' },
  ja: { name: '日本語', label: '言語' }
}

const entry = (tag: string, messages: Messages, errors: Readonly<Record<string, Worded>>, fallback: Worded): Locale => ({
  tag,
  ...NAMES[tag]!,
  messages,
  errors,
  fallback,
  ...(TYPOGRAPHY[tag] ?? { colon: ':', gap: ' ' })
})

/** The languages in the order of the switch: English first, then as the issue lists them. */
export const LOCALES: readonly Locale[] = [
  entry('en', en, ERRORS, FALLBACK),
  entry('de', de, deErrors, deFallback),
  entry('fr', fr, frErrors, frFallback),
  entry('es', es, esErrors, esFallback),
  entry('nl', nl, nlErrors, nlFallback),
  entry('it', it, itErrors, itFallback),
  entry('pt-BR', ptBR, ptBRErrors, ptBRFallback),
  entry('sv', sv, svErrors, svFallback),
  entry('pl', pl, plErrors, plFallback),
  entry('ja', ja, jaErrors, jaFallback)
]

export const TAGS: readonly string[] = LOCALES.map((l) => l.tag)

export const localeOf = (tag: string): Locale => LOCALES.find((l) => l.tag === tag) ?? LOCALES[0]!
