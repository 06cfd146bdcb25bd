/** The catalogue in the active language: components take it from these hooks, never statically. */
export { useFormat, useMessages, useWorded } from '../i18n/use-messages'
export type { Messages } from './en'
export type { Worded } from './errors'
