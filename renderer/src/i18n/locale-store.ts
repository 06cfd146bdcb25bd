import { create } from 'zustand'
import { pickLocale } from './pick'
import { TAGS, isLoaded, loadLocale } from './registry'

const KEY = 'plex-reclaim.locale'

/** localStorage can be missing or refuse (a locked-down profile): the OS language still applies. */
function stored(): string | null {
  try {
    return globalThis.localStorage?.getItem(KEY) ?? null
  } catch { // no storage (private window): the OS language is used
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
  /** The language shown: its catalogue is loaded. */
  readonly tag: string
  /** Switches once the language's catalogue is there (the window changes at once, never half). */
  readonly choose: (tag: string) => Promise<void>
}

/** The language to start in: the one chosen before, else the OS's. */
export const initialTag = pickLocale(TAGS, stored(), typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]))

/** The language asked for last: a slower load never overrides a later choice. */
let wanted = initialTag

async function show(tag: string, set: (patch: { tag: string }) => void): Promise<void> {
  wanted = tag
  // A chunk that cannot be fetched (an app being updated underneath) leaves the window as it is.
  if (!isLoaded(tag) && !(await loadLocale(tag).catch(() => false))) return
  if (wanted !== tag) return
  markDocument(tag)
  set({ tag })
}

export const useLocale = create<LocaleState>()((set) => ({
  tag: 'en',
  choose: async (tag) => {
    if (!TAGS.includes(tag)) return
    remember(tag)
    await show(tag, set)
  }
}))

/** Before the first render: the starting language's catalogue, so the window opens in it. */
export const startLocale = (): Promise<void> => show(initialTag, (patch) => useLocale.setState(patch))
