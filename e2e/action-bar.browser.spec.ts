import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { RESET_TIMEOUT } from './walk'

/**
 * The next action is always in view: at the app's own window size (880x660) and at 800x600, in
 * the languages with the longest words and another script, in both themes, each step's primary
 * action is on screen and not covered when the step opens, with no scrolling. The step is walked
 * in English; the same button is then looked at in each language (a language switch keeps the step).
 */
const LANGUAGES = ['en', 'de', 'fr', 'pl', 'ja'] as const

const LOOKS = [
  { name: '880x660 dark', colorScheme: 'dark', viewport: { width: 880, height: 660 } },
  { name: '880x660 light', colorScheme: 'light', viewport: { width: 880, height: 660 } },
  { name: '800x600 dark', colorScheme: 'dark', viewport: { width: 800, height: 600 } },
  { name: '800x600 light', colorScheme: 'light', viewport: { width: 800, height: 600 } }
] as const

/** On screen and the topmost thing at its centre: seen and clickable without scrolling. */
const whyNotInView = (el: Element): string | null => {
    const r = el.getBoundingClientRect()
    if (r.width === 0 || r.top < 0 || r.left < 0 || r.bottom > window.innerHeight || r.right > window.innerWidth) return `outside the window (${Math.round(r.top)}..${Math.round(r.bottom)} of ${window.innerHeight})`
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
    return top && (el === top || el.contains(top)) ? null : `covered by ${top?.tagName ?? 'nothing'}`
}
const inView = (target: Locator): Promise<string | null> => target.evaluate(whyNotInView)

async function expectInViewEverywhere(page: Page, step: string, action: Locator): Promise<void> {
  await expect(action).toBeVisible()
  const handle = await action.elementHandle()
  const failures: string[] = []
  for (const tag of LANGUAGES) {
    await page.locator('#language').selectOption(tag)
    await expect(page.locator('html')).toHaveAttribute('lang', tag)
    expect(await handle!.evaluate((el) => el.isConnected), `${step}: the action was re-created on a language switch`).toBe(true)
    const why = await handle!.evaluate(whyNotInView)
    if (why) failures.push(`${step} in ${tag}: ${why}`)
  }
  await page.locator('#language').selectOption('en')
  expect(failures).toEqual([])
}

/** The step opened at its top: its title is on screen. */
async function expectOpenedAtTop(page: Page, step: string): Promise<void> {
  const h1 = page.getByRole('heading', { level: 1 })
  expect(await inView(h1), `${step}: the title is not in view`).toBeNull()
}

for (const look of LOOKS) {
  test.describe(look.name, () => {
    test.use({ colorScheme: look.colorScheme, viewport: look.viewport })
    test('the primary action of every step is in view without scrolling, in five languages', async ({ page, demo }) => {
      await page.goto(demo.url)
      await expectInViewEverywhere(page, 'welcome', page.getByRole('button', { name: 'Find my server' }))
      await page.getByRole('button', { name: 'Find my server' }).click()
      await expect(page.getByText('One server was found.')).toBeVisible()
      await expectInViewEverywhere(page, 'find', page.getByRole('button', { name: /^Use this server/ }))
      await page.getByRole('button', { name: 'A server on another machine…' }).click()
      await expectInViewEverywhere(page, 'remote form', page.getByRole('button', { name: 'Connect', exact: true }))
      await page.getByRole('button', { name: 'Cancel' }).click()
      await page.getByRole('button', { name: /^Use this server/ }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Who is your server signed in as?' })).toBeVisible()
      await expectOpenedAtTop(page, 'diagnosis')
      await expectInViewEverywhere(page, 'diagnosis (no)', page.getByRole('button', { name: 'No, that is an old or wrong account' }))
      await expectInViewEverywhere(page, 'diagnosis (yes)', page.getByRole('button', { name: 'Yes, I can sign in as that account' }))
      await page.getByRole('button', { name: 'Yes, I can sign in as that account' }).click()
      await expectInViewEverywhere(page, 'diagnosis (open Plex Web)', page.getByRole('link', { name: 'Open Plex Web' }))
      await page.getByRole('button', { name: 'No, that is an old or wrong account' }).click()
      await expectOpenedAtTop(page, 'backup')
      await expectInViewEverywhere(page, 'backup', page.getByRole('button', { name: 'Take the backup' }))
      await page.getByRole('button', { name: 'Take the backup' }).click()
      await expect(page.getByText(/was saved and verified\.$/)).toBeVisible()
      await expectInViewEverywhere(page, 'backup (continue)', page.getByRole('button', { name: 'Review the reset' }))
      await page.getByRole('button', { name: 'Review the reset' }).click()
      await expectOpenedAtTop(page, 'review')
      await expectInViewEverywhere(page, 'review', page.getByRole('button', { name: 'Reset now' }))
      await page.getByRole('button', { name: 'Reset now' }).click()
      await expect(page.getByText('The server is running and ready to be claimed.')).toBeVisible({ timeout: RESET_TIMEOUT })
      await expectInViewEverywhere(page, 'reset', page.getByRole('button', { name: 'Continue to claim' }))
      await page.getByRole('button', { name: 'Continue to claim' }).click()
      await expectOpenedAtTop(page, 'claim')
      await expectInViewEverywhere(page, 'claim', page.getByRole('button', { name: 'Sign in with Plex' }))
      await page.getByRole('button', { name: 'Get a demo claim code' }).click()
      await page.getByRole('button', { name: 'Claim the server' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'You are back in' })).toBeVisible()
      await expectOpenedAtTop(page, 'done')
      await expectInViewEverywhere(page, 'done', page.getByRole('link', { name: 'Open Plex Web' }))
      await page.getByRole('button', { name: 'Restore…' }).click()
      await expectOpenedAtTop(page, 'restore')
      await page.getByRole('radio').first().check()
      await expectInViewEverywhere(page, 'restore', page.getByRole('button', { name: 'Restore this backup' }))
    })
  })
}

/** Everything in the step that is shown must be reachable: with the step scrolled to its end, nothing is under the bar. */
async function expectBarCoversNothing(page: Page, step: string): Promise<void> {
  const bar = page.locator('.action-bar')
  await expect(bar, `${step}: no action bar`).toBeVisible()
  const covered = await page.evaluate(() => {
    for (const el of [document.scrollingElement, ...Array.from(document.querySelectorAll('main, main *'))]) if (el) el.scrollTop = el.scrollHeight
    const barBox = document.querySelector('.action-bar')!.getBoundingClientRect()
    const hidden: string[] = []
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('main h1, main h2, main p, main li, main dt, main dd, main label, main input, main button, main a'))) {
      if (el.closest('.action-bar')) continue
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      if (r.bottom > barBox.top + 1 && r.top < barBox.bottom - 1) hidden.push(`${el.tagName} ${(el.textContent ?? '').trim().slice(0, 30)}`)
    }
    return hidden
  })
  expect(covered, `${step}: under the bar`).toEqual([])
}

for (const colorScheme of ['dark', 'light'] as const) {
  test.describe(`at 200% (${colorScheme})`, () => {
    test.use({ colorScheme, viewport: { width: 440, height: 330 }, deviceScaleFactor: 2 })
    test('the bar with Back and the primary action is on every step and covers nothing', async ({ page, demo }) => {
      await page.goto(demo.url)
      await expectBarCoversNothing(page, 'welcome')
      await page.getByRole('button', { name: 'Find my server' }).click()
      await expect(page.getByText('One server was found.')).toBeVisible()
      await expectBarCoversNothing(page, 'find')
      const back = page.locator('.action-bar').getByRole('button', { name: 'Back' })
      const place = await back.boundingBox()
      /** Back in the same place (to the pixel) as on the first step that has it. */
      const samePlace = async (): Promise<void> => {
        const now = (await back.boundingBox())!
        expect([Math.round(now.x), Math.round(now.y)]).toEqual([Math.round(place!.x), Math.round(place!.y)])
      }
      await page.getByRole('button', { name: /^Use this server/ }).click()
      await expectBarCoversNothing(page, 'diagnosis')
      await samePlace()
      await page.getByRole('button', { name: 'No, that is an old or wrong account' }).click()
      await expectBarCoversNothing(page, 'backup')
      await page.getByRole('button', { name: 'Take the backup' }).click()
      await expect(page.getByText(/was saved and verified\.$/)).toBeVisible()
      await page.getByRole('button', { name: 'Review the reset' }).click()
      await expectBarCoversNothing(page, 'review')
      await samePlace()
      await back.click()
      await expect(page.getByRole('heading', { level: 1, name: 'Back up the settings' })).toBeVisible()
    })
  })
}
