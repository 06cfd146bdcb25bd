import { mkdirSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, expectAccessible, shot, test } from './fixtures'
import { unfitting } from './geometry'
import { RESET_TIMEOUT, sideways } from './walk'

/**
 * The happy path in German (the longest words) and Japanese (another script), the language taken
 * from the browser's (the OS's) languages, checked by geometry on every step in both themes and at
 * 200% zoom: nothing cut off, nothing spilling over or out of the window.
 */
const LANGUAGES = {
  de: {
    locale: 'de-DE',
    welcome: 'Kein Zugang mehr zu deinem Server?',
    start: 'Meinen Server finden',
    found: 'Ein Server wurde gefunden.',
    // The demo's Linux package, worded by the renderer (main's label is English).
    server: 'Plex Media Server (Linux-Paket)',
    use: 'Diesen Server verwenden',
    diagnosis: 'Mit welchem Konto ist dein Server angemeldet?',
    no: 'Nein, das ist ein altes oder falsches Konto',
    take: 'Sicherung anlegen',
    verified: /^Die Sicherung vom \d\d\.\d\d\.\d{4}, \d\d:\d\d wurde gespeichert und geprüft\.$/,
    review: 'Zurücksetzen prüfen',
    resetNow: 'Jetzt zurücksetzen',
    finished: 'Der Server läuft und kann mit deinem Konto verknüpft werden.',
    toClaim: 'Weiter zum Verknüpfen',
    demoCode: 'Demo-Claim-Code holen',
    claim: 'Server verknüpfen',
    done: 'Du bist wieder drin',
    signedIn: 'Der Server ist als kate_new angemeldet.'
  },
  ja: {
    locale: 'ja-JP',
    welcome: 'サーバーに入れなくなりましたか？',
    start: 'サーバーの検索を始める',
    found: '1 台のサーバーが見つかりました。',
    server: 'Plex Media Server（Linux パッケージ）',
    use: 'このサーバーを使う',
    diagnosis: 'サーバーはどのアカウントでサインインしていますか？',
    no: 'いいえ、古いか別のアカウントです',
    take: 'バックアップを作成',
    verified: /^\d{4}\/\d\d\/\d\d \d{1,2}:\d\d のバックアップを保存し、確認しました。$/,
    review: 'リセット内容を確認',
    resetNow: '今すぐリセット',
    finished: 'サーバーは動いていて、アカウントに登録できる状態です。',
    toClaim: '登録へ進む',
    demoCode: 'デモ用の登録コードを取得',
    claim: 'サーバーを登録',
    done: 'サーバーに入れるようになりました',
    signedIn: 'サーバーは kate_new でサインインしています。'
  }
} as const

const LOOKS = [
  { name: 'dark', colorScheme: 'dark', viewport: { width: 880, height: 660 }, deviceScaleFactor: 1 },
  { name: 'light', colorScheme: 'light', viewport: { width: 880, height: 660 }, deviceScaleFactor: 1 },
  { name: 'dark-200', colorScheme: 'dark', viewport: { width: 440, height: 330 }, deviceScaleFactor: 2 },
  { name: 'light-200', colorScheme: 'light', viewport: { width: 440, height: 330 }, deviceScaleFactor: 2 }
] as const

/** For a person to look at (not committed; test-results/ is emptied by every run). */
const REVIEW_DIR = 'reports/languages'

for (const [tag, t] of Object.entries(LANGUAGES)) {
  for (const look of LOOKS) {
    test.describe(`${tag}, ${look.name}`, () => {
      test.use({ locale: t.locale, colorScheme: look.colorScheme, viewport: look.viewport, deviceScaleFactor: look.deviceScaleFactor })

      test(`happy path in ${tag}: every step fits, in the OS's language`, async ({ page, demo }) => {
        mkdirSync(REVIEW_DIR, { recursive: true })
        const check = async (step: string): Promise<void> => {
          expect(await unfitting(page), `${step}: text that does not fit`).toEqual([])
          expect(await sideways(page), `${step}: sideways scroll`).toBe(0)
          await page.screenshot({ path: `${REVIEW_DIR}/${tag}-${look.name}-${step}.png`, fullPage: true })
        }
        await page.goto(demo.url)
        await expect(page.getByRole('heading', { level: 1, name: t.welcome })).toBeFocused()
        await expect(page.locator('html')).toHaveAttribute('lang', tag)
        await expect(page.getByLabel(tag === 'de' ? 'Sprache' : '言語')).toHaveValue(tag)
        await check('01-welcome')
        if (look.name === 'dark') {
          await expectAccessible(page)
          if (tag === 'de') await shot(page, '12-welcome-german')
        }
        await page.getByRole('button', { name: t.start }).click()
        await expect(page.getByText(t.found)).toBeVisible()
        await expect(page.getByRole('heading', { level: 2, name: t.server, exact: true })).toBeVisible()
        await expect(page.getByText('Linux package')).toHaveCount(0)
        await check('02-find')
        await page.getByRole('button', { name: t.use }).click()
        await expect(page.getByRole('heading', { level: 1, name: t.diagnosis })).toBeVisible()
        await check('03-diagnosis')
        await page.getByRole('button', { name: t.no }).click()
        await page.getByRole('button', { name: t.take }).click()
        await expect(page.getByText(t.verified)).toBeVisible()
        await check('04-backup')
        await page.getByRole('button', { name: t.review }).click()
        await expect(page.getByRole('heading', { level: 1, name: t.review })).toBeVisible()
        await expect(page.getByText(t.server, { exact: true })).toBeVisible()
        await check('05-review')
        if (look.name === 'dark') await expectAccessible(page)
        await page.getByRole('button', { name: t.resetNow }).click()
        await expect(page.getByText(t.finished)).toBeVisible({ timeout: RESET_TIMEOUT })
        await check('06-reset')
        await page.getByRole('button', { name: t.toClaim }).click()
        await page.getByRole('button', { name: t.demoCode }).click()
        await check('07-claim')
        await page.getByRole('button', { name: t.claim }).click()
        await expect(page.getByRole('heading', { level: 1, name: t.done })).toBeVisible()
        await expect(page.getByText(t.signedIn)).toBeVisible()
        await check('08-done')
        if (look.name === 'dark') await expectAccessible(page)
      })
    })
  }
}

/** The switch's label in each language, so a test can find it whatever is showing. */
const languageSwitch = (page: Page) => page.getByRole('combobox', { name: /^(Language|Sprache|言語)$/ })

test.describe('the language switch', () => {
  test.use({ locale: 'de-DE' })

  test('switches the whole window at once, sets <html lang>, and is remembered', async ({ page, demo }) => {
    await page.goto(demo.url)
    await expect(page.getByRole('heading', { level: 1, name: LANGUAGES.de.welcome })).toBeVisible()
    // Each language is offered by its own name.
    await expect(languageSwitch(page).locator('option')).toContainText(['English', 'Deutsch', '日本語'])
    await page.getByRole('button', { name: LANGUAGES.de.start }).click()
    await expect(page.getByText(LANGUAGES.de.found)).toBeVisible()
    await languageSwitch(page).selectOption('ja')
    // The step stays where it was; its words, the steps list and the header change.
    await expect(page.getByText(LANGUAGES.ja.found)).toBeVisible()
    await expect(page.getByRole('navigation', { name: '手順' })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja')
    await page.reload()
    await expect(page.getByRole('heading', { level: 1, name: LANGUAGES.ja.welcome })).toBeVisible()
    await languageSwitch(page).selectOption('en')
    await expect(page.getByRole('heading', { level: 1, name: 'Locked out of your server?' })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  })

  test.describe('a core error', () => {
    test.use({ scenario: 'stop-timeout' })
    test('arrives as a code and is worded in the chosen language', async ({ page, demo }) => {
      const t = LANGUAGES.de
      await page.goto(demo.url)
      await page.getByRole('button', { name: t.start }).click()
      await page.getByRole('button', { name: t.use }).click()
      await page.getByRole('button', { name: t.no }).click()
      await page.getByRole('button', { name: t.take }).click()
      await page.getByRole('button', { name: t.review }).click()
      await page.getByRole('button', { name: t.resetNow }).click()
      const alert = page.getByRole('alert')
      await expect(alert).toContainText('Plex Media Server hat nicht rechtzeitig gestoppt.', { timeout: RESET_TIMEOUT })
      await expect(alert).toContainText('Was du tun kannst:')
      await expect(alert.getByRole('button', { name: 'Details kopieren' })).toBeVisible()
      expect(await unfitting(page)).toEqual([])
    })
  })
})

test.describe('the geometry check', () => {
  test.use({ locale: 'de-DE' })
  test('finds text cut off, spilling over or outside the window', async ({ page, demo }) => {
    await page.goto(demo.url)
    await expect(page.getByRole('heading', { level: 1, name: LANGUAGES.de.welcome })).toBeVisible()
    expect(await unfitting(page)).toEqual([])
    // The CSP refuses a style sheet from here; the CSSOM of single elements is allowed.
    await page.evaluate(() => {
      Object.assign(document.querySelector<HTMLElement>('button.primary')!.style, { width: '60px', whiteSpace: 'nowrap', overflow: 'hidden' })
      Object.assign(document.querySelector<HTMLElement>('h1')!.style, { position: 'relative', left: '2000px' })
      document.querySelector<HTMLElement>('.language-switch select')!.style.width = '30px'
    })
    const found = await unfitting(page)
    expect(found).toContainEqual(expect.stringMatching(/^<button> Meinen Server finden: \d+px wide in \d+px$/))
    expect(found).toContainEqual(expect.stringMatching(/^<h1> Kein Zugang mehr zu deinem Server\?: outside the window/))
    expect(found).toContainEqual(expect.stringMatching(/^<select> Deutsch: \d+px of text in \d+px$/))
  })
})
