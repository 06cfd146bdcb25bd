import { describe, expect, it } from 'vitest'
import { chooseFileOptions, closeGuardOptions, dialogTexts, windowLanguage } from './dialog-texts'

/** A window whose renderer shows `lang`, as webContents.executeJavaScript answers it. */
const windowIn = (lang: unknown) => ({ webContents: { executeJavaScript: async () => lang } })

describe('main’s own dialogs speak the window’s language', () => {
  it('builds the file chooser and the close guard for a German window', async () => {
    const tag = await windowLanguage(windowIn('de'))
    expect(tag).toBe('de')
    expect(chooseFileOptions(tag)).toEqual({
      title: 'Wähle die Preferences.xml deines Plex Media Servers',
      properties: ['openFile'],
      filters: [{ name: 'Plex-Einstellungen', extensions: ['xml', 'plist', 'reg'] }]
    })
    expect(closeGuardOptions(tag)).toEqual({
      type: 'warning',
      buttons: ['Fenster offen lassen', 'Trotzdem schließen'],
      defaultId: 0,
      cancelId: 0,
      message: 'Plex Reclaim ändert noch die Einstellungen des Servers.',
      detail: expect.stringContaining('hört Plex Reclaim mittendrin auf') as unknown as string
    })
  })

  it('the close guard names no one kind of run: it shows during a restore or an Undo too', () => {
    expect(closeGuardOptions('en').message).toBe('Plex Reclaim is still changing the server’s settings.')
    for (const tag of ['en', 'de', 'fr', 'es', 'nl', 'it', 'pt-BR', 'sv', 'pl', 'ja']) expect(closeGuardOptions(tag).message).toMatch(/^(O )?Plex Reclaim/)
  })

  it('finds a language by its base (pt-PT, de-AT) and falls back to English', async () => {
    expect(dialogTexts('de-AT')).toBe(dialogTexts('de'))
    expect(dialogTexts('pt')).toBe(dialogTexts('pt-BR'))
    expect(dialogTexts('ko').keepOpen).toBe('Keep the window open')
    expect(await windowLanguage(undefined)).toBe('en')
    expect(await windowLanguage(windowIn('"><script>'))).toBe('en')
    expect(await windowLanguage({ webContents: { executeJavaScript: () => Promise.reject(new Error('gone')) } })).toBe('en')
  })
})
