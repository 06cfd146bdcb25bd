import { create } from 'zustand'
import { pickLocale } from './pick'
import { TAGS } from './registry'

const KEY = 'plex-reclaim.locale'

/** localStorage can be missing or refuse (a locked-down profile): the OS language still applies. */
function stored(): string | null {
  try {
    return globalThis.localStorage?.getItem(KEY) ?? null
  } catch {
    return null
  }
}

function remember(tag: string): void {
  try {
    globalThis.localStorage?.setItem(KEY, tag)
  } catch {
    // Not remembered this time; the switch still works.
  }
}

/** Screen readers and the browser's hyphenation and fonts follow <html lang>. */
function markDocument(tag: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = tag
}

interface LocaleState {
  readonly tag: string
  readonly choose: (tag: string) => void
}

const initial = pickLocale(TAGS, stored(), typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]))
markDocument(initial)

export const useLocale = create<LocaleState>()((set) => ({
  tag: initial,
  choose: (tag) => {
    if (!TAGS.includes(tag)) return
    remember(tag)
    markDocument(tag)
    set({ tag })
  }
}))
