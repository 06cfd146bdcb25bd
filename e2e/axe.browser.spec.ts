import { expect, expectAccessible, shot, test } from './fixtures'
import { RESET_TIMEOUT, sideways, toBackup } from './walk'

/** Every step of the happy path, then the restore view: axe finds nothing, nothing scrolls sideways. */
const LOOKS = [
  { name: 'dark', colorScheme: 'dark', viewport: { width: 880, height: 660 }, deviceScaleFactor: 1 },
  { name: 'light', colorScheme: 'light', viewport: { width: 880, height: 660 }, deviceScaleFactor: 1 },
  { name: 'dark at 200% zoom', colorScheme: 'dark', viewport: { width: 440, height: 330 }, deviceScaleFactor: 2 },
  { name: 'light at 200% zoom', colorScheme: 'light', viewport: { width: 440, height: 330 }, deviceScaleFactor: 2 }
] as const

for (const look of LOOKS) {
  test.describe(look.name, () => {
    test.use({ colorScheme: look.colorScheme, viewport: look.viewport, deviceScaleFactor: look.deviceScaleFactor })
    test('axe on every step, no sideways scroll, a clear Done page', async ({ page, demo }) => {
      const check = async (): Promise<void> => {
        await expectAccessible(page)
        expect(await sideways(page)).toBe(0)
      }
      await toBackup(page, demo.url, async (step) => {
        await check()
        if (step === 'welcome' && look.name === 'light') await shot(page, '01-welcome-light')
      })
      await page.getByRole('button', { name: 'Review the reset' }).click()
      await check()
      await page.getByRole('button', { name: 'Reset now' }).click()
      await expect(page.getByText('The server is running and ready to be claimed.')).toBeVisible({ timeout: RESET_TIMEOUT })
      await check()
      await page.getByRole('button', { name: 'Continue to claim' }).click()
      await page.getByRole('button', { name: 'Get a demo claim code' }).click()
      await check()
      await page.getByRole('button', { name: 'Claim the server' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'You are back in' })).toBeVisible()
      await check()
      // Done: the key fact in full colour, Open Plex Web as the primary button, one Restore….
      const fact = page.getByText('The server is signed in as kate_new.')
      const [factColour, text, muted] = await fact.evaluate((e) => {
        const probe = document.body.appendChild(Object.assign(document.createElement('span'), { className: 'muted' }))
        const colours = [getComputedStyle(e).color, getComputedStyle(document.body).color, getComputedStyle(probe).color]
        probe.remove()
        return colours
      })
      expect(factColour).toBe(text)
      expect(factColour).not.toBe(muted)
      await expect(page.getByRole('link', { name: 'Open Plex Web' })).toHaveClass(/primary/)
      await expect(page.getByRole('button', { name: 'Restore…' })).toHaveCount(1)
      await page.getByRole('button', { name: 'Restore…' }).click()
      await page.getByRole('radio').first().check()
      await check()
      await page.getByRole('button', { name: 'Restore this backup' }).click()
      await check()
    })
  })
}
