import { describe, expect, it } from 'vitest'
import { LOCALES } from '../i18n/registry'

/**
 * Issue 25: the notes every language says. Item 11: never delete Preferences.xml (the server gets
 * a new identity, plex.tv lists a duplicate), where the wizard says what is kept. Item 10: an
 * empty token after a revocation needs a claim, and a PIN on the owner's account also forces
 * sign-in (Plex support article 203948786) where the local-access note says sign-in may be skipped.
 */
const files = import.meta.glob('./locales/*.ts', { eager: true })
const catalogues = [import.meta.glob('./en.ts', { eager: true }), files].flatMap((m) => Object.entries(m)).filter(([path]) => /\/(en|[a-z]{2}(-[A-Z]{2})?)\.ts$/.test(path)).map(([path, mod]) => [path, Object.values(mod as Record<string, unknown>)[0]] as const)

describe('platform notes in every language', () => {
  it('all ten catalogues are read', () => {
    expect(catalogues.length).toBe(Object.keys(LOCALES).length)
  })
  it.each(catalogues)('%s: never delete Preferences.xml; a claim is needed; the PIN article', (_, c) => {
    const m = c as { welcome: { keepPreferences?: string }; diagnosis: { claimNeeded?: string; claimNeededTitle?: string }; screens: { local: string } }
    expect(m.welcome.keepPreferences).toMatch(/Preferences\.xml/)
    expect(m.diagnosis.claimNeeded?.length).toBeGreaterThan(20)
    expect(m.diagnosis.claimNeededTitle?.length).toBeGreaterThan(5)
    // The local-access note the diagnosis shows (screens.local; the older diagnosis.local went unused).
    expect(m.screens.local).toMatch(/203948786/)
  })
})
