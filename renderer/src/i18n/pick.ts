/**
 * The language to start in: the one chosen before, else the first of the OS's languages we have
 * (navigator.languages follows the OS in Electron and in Chromium), else English.
 */
export function pickLocale(supported: readonly string[], stored: string | null, preferred: readonly string[]): string {
  if (stored && supported.includes(stored)) return stored
  const lower = supported.map((t) => t.toLowerCase())
  for (const wanted of preferred) {
    const exact = lower.indexOf(wanted.toLowerCase())
    if (exact >= 0) return supported[exact]!
    // de-AT finds de, pt-PT finds pt-BR: the same language before English.
    const base = wanted.toLowerCase().split('-')[0]
    const same = lower.findIndex((t) => t.split('-')[0] === base)
    if (same >= 0) return supported[same]!
  }
  return 'en'
}
