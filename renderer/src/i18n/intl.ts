/** Plurals, numbers and dates in the active language, through Intl (never by hand). */

type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { readonly other: string }

/** The form Intl's plural rules choose for n in this language (Polish needs one, few and many; Japanese only other). */
export const plural = (tag: string, n: number, forms: PluralForms): string => forms[new Intl.PluralRules(tag).select(n)] ?? forms.other

export const formatNumber = (tag: string, n: number): string => new Intl.NumberFormat(tag).format(n)

/** A step's duration, with the unit as the language writes it ("1,2 Sek.", "1.2 秒"). */
export const formatSeconds = (tag: string, ms: number): string =>
  new Intl.NumberFormat(tag, { style: 'unit', unit: 'second', unitDisplay: 'short', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ms / 1000)

/** A backup's or a run's moment: date and time as people of this language write them. */
export const formatDate = (tag: string, iso: string): string => {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}
