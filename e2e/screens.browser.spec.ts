import type { Page } from '@playwright/test'
import { expect, expectAccessible, shot, test } from './fixtures'
import { RESET_TIMEOUT, toBackup } from './walk'

const ALL_LANGUAGES = ['en', 'de', 'fr', 'es', 'nl', 'it', 'pt-BR', 'sv', 'pl', 'ja'] as const

/**
 * Every step's label in the steps list, each as the active (bold) one: those whose text is wider
 * than their box. At 200% only the active step is named, so each is shown in turn.
 */
const overflowingLabels = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const bad: string[] = []
    for (const link of Array.from(document.querySelectorAll<HTMLElement>('.step-nav .step-link'))) {
      const label = link.querySelector<HTMLElement>('.step-label')!
      const current = link.getAttribute('aria-current')
      const display = label.style.display
      link.setAttribute('aria-current', 'step')
      label.style.display = getComputedStyle(label).display === 'none' ? 'inline' : label.style.display
      if (label.scrollWidth > label.clientWidth || link.scrollWidth > link.clientWidth) bad.push(`${label.textContent}: ${label.scrollWidth}px in ${label.clientWidth}px (button ${link.scrollWidth}px in ${link.clientWidth}px)`)
      if (current === null) link.removeAttribute('aria-current')
      else link.setAttribute('aria-current', current)
      label.style.display = display
    }
    return bad
  })

for (const look of [
  { name: '880x660', viewport: { width: 880, height: 660 }, deviceScaleFactor: 1 },
  { name: '200%', viewport: { width: 440, height: 330 }, deviceScaleFactor: 2 }
] as const) {
  test.describe(`the steps list at ${look.name}`, () => {
    test.use({ viewport: look.viewport, deviceScaleFactor: look.deviceScaleFactor })
    test('every label fits as the active one, in all ten languages', async ({ page, demo }) => {
      await page.goto(demo.url)
      const bad: string[] = []
      for (const tag of ALL_LANGUAGES) {
        await page.locator('#language').selectOption(tag)
        await expect(page.locator('html')).toHaveAttribute('lang', tag)
        bad.push(...(await overflowingLabels(page)).map((b) => `${tag}: ${b}`))
      }
      expect(bad).toEqual([])
    })
  })
}

test('Japanese writes one width of parentheses on every step', async ({ page, demo }) => {
  await page.goto(demo.url)
  await page.locator('#language').selectOption('ja')
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja')
  const halfWidth = async (step: string): Promise<void> => {
    const text = await page.locator('main').innerText()
    expect(text.match(/.{0,12}[()].{0,12}/g) ?? [], `${step}: half-width parentheses`).toEqual([])
  }
  await halfWidth('welcome')
  await page.getByRole('button', { name: 'サーバーの検索を始める' }).click()
  await expect(page.getByText('1 台のサーバーが見つかりました。')).toBeVisible()
  await halfWidth('find')
  await page.getByRole('button', { name: 'このサーバーを使う' }).click()
  await halfWidth('diagnosis')
})

test('"Choose a Preferences.xml…" always answers: a file already listed is selected and said so', async ({ page, demo }) => {
  await page.goto(demo.url)
  await page.getByRole('button', { name: 'Find my server' }).click()
  await expect(page.getByText('One server was found.')).toBeVisible()
  // The demo's chooser picks the sandbox's own Preferences.xml: the server already listed.
  await page.getByRole('button', { name: 'Choose a Preferences.xml…' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'That settings file is already in the list: it is selected below.' })).toBeVisible()
  await expect(page.getByRole('button', { name: /^Use this server/ })).toBeFocused()
  await expect(page.getByRole('button', { name: /^Use this server/ })).toHaveCount(1)
})

test.describe('newly revealed content gets the focus', () => {
  test('Enter on "A server on another machine…" focuses the form; Escape on a dialog gives the focus back', async ({ page, demo }) => {
    await page.goto(demo.url)
    await page.getByRole('button', { name: 'Find my server' }).click()
    await expect(page.getByText('One server was found.')).toBeVisible()
    await page.getByRole('button', { name: 'A server on another machine…' }).focus()
    await page.keyboard.press('Enter')
    await expect(page.getByLabel('Server address')).toBeFocused()
    await page.getByRole('button', { name: 'Cancel' }).focus()
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY')
    await page.getByRole('button', { name: /^Use this server/ }).click()
    await page.getByRole('button', { name: 'No, that is an old or wrong account' }).click()
    await page.getByRole('button', { name: 'Take the backup' }).click()
    await expect(page.getByText(/was saved and verified\.$/)).toBeVisible()
    await page.getByRole('button', { name: 'Restore…' }).click()
    await page.getByRole('radio').first().check()
    const restore = page.getByRole('button', { name: 'Restore this backup' })
    await restore.focus()
    await page.keyboard.press('Enter')
    await expect(page.getByRole('alertdialog')).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(page.getByRole('alertdialog')).toHaveCount(0)
    await expect(restore).toBeFocused()
  })

  test('Cancel sign-in gives the focus to "Sign in with Plex" again', async ({ page, demo }) => {
    await toBackup(page, demo.url)
    await page.getByRole('button', { name: 'Review the reset' }).click()
    await page.getByRole('button', { name: 'Reset now' }).click()
    await page.getByRole('button', { name: 'Continue to claim' }).click({ timeout: RESET_TIMEOUT })
    const popup = page.waitForEvent('popup')
    await page.getByRole('button', { name: 'Sign in with Plex' }).click()
    await (await popup).close()
    await page.getByRole('button', { name: 'Cancel' }).click()
    await expect(page.getByRole('button', { name: 'Sign in with Plex' })).toBeFocused()
  })

  test.describe('a claim error', () => {
    test.use({ scenario: 'claim-expired' })
    test('takes the focus', async ({ page, demo }) => {
      await toBackup(page, demo.url)
      await page.getByRole('button', { name: 'Review the reset' }).click()
      await page.getByRole('button', { name: 'Reset now' }).click()
      await page.getByRole('button', { name: 'Continue to claim' }).click({ timeout: RESET_TIMEOUT })
      await page.getByRole('button', { name: 'Get a demo claim code' }).click()
      await page.getByRole('button', { name: 'Claim the server' }).click()
      const alert = page.getByRole('alert')
      await expect(alert).toContainText('did not accept that claim code')
      await expect(alert).toBeFocused()
    })
  })
})

/** The diagnosis verdicts for the README: both themes and 200%. */
for (const look of [
  { name: 'light', colorScheme: 'light', viewport: { width: 880, height: 660 }, deviceScaleFactor: 1 },
  { name: 'dark-200', colorScheme: 'dark', viewport: { width: 440, height: 330 }, deviceScaleFactor: 2 }
] as const) {
  test.describe(`diagnosis verdicts, ${look.name}`, () => {
    test.use({ colorScheme: look.colorScheme, viewport: look.viewport, deviceScaleFactor: look.deviceScaleFactor })
    for (const [scenario, verdict, file] of [
      ['happy', 'You may not need a reset: try this first', '03d-verdict-try'],
      ['token-revoked', 'You need a reset', '03e-verdict-reset']
    ] as const) {
      test.describe(scenario, () => {
        test.use({ scenario })
        test(`"${verdict}"`, async ({ page, demo }) => {
          await page.goto(demo.url)
          await page.getByRole('button', { name: 'Find my server' }).click()
          await page.getByRole('button', { name: /^Use this server/ }).click()
          await expect(page.locator('.verdict')).toHaveText(verdict)
          await expectAccessible(page)
          await shot(page, `${file}-${look.name}`)
        })
      })
    }
  })
}
