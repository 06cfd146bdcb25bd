import type { Page } from '@playwright/test'
import { expect } from './fixtures'

export const RESET_TIMEOUT = 30_000

/** Welcome to the verified backup, by role and visible text; `each` runs on every step reached. */
export async function toBackup(page: Page, url: string, each: (name: string) => Promise<void> = async () => undefined): Promise<void> {
  await page.goto(url)
  await expect(page.getByRole('heading', { level: 1, name: 'Locked out of your server?' })).toBeFocused()
  await each('welcome')
  await page.getByRole('button', { name: 'Find my server' }).click()
  await expect(page.getByText('One server was found.')).toBeVisible()
  await each('find')
  await page.getByRole('button', { name: /^Use this server/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Who is your server signed in as?' })).toBeVisible()
  await each('diagnosis')
  await page.getByRole('button', { name: 'No, that is an old or wrong account' }).click()
  await page.getByRole('button', { name: 'Take the backup' }).click()
  await expect(page.getByText(/was saved and verified\.$/)).toBeVisible()
  await each('backup')
}

/** Horizontal overflow of the page, in CSS px (0 when nothing scrolls sideways). */
export const sideways = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

/** WCAG contrast of an element's text colour on its background colour (both opaque rgb()). */
export const contrastOf = (page: Page, selector: string): Promise<number> =>
  page.locator(selector).first().evaluate((el) => {
    const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number)
    const lum = (c: number[]) => {
      const [r, g, b] = c.map((v) => {
        const x = v / 255
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4
      }) as [number, number, number]
      return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }
    const s = getComputedStyle(el)
    const [a, b] = [lum(rgb(s.color)), lum(rgb(s.backgroundColor))]
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
  })
