import type { Page } from '@playwright/test'
import pkg from '../package.json' with { type: 'json' }
import { expect, expectAccessible, shot, test } from './fixtures'
import { expectedAfterReset, identity, readPreferences, verifiedBackups } from './sandbox'

const RESET_TIMEOUT = 30_000

type Demo = { url: string; sandbox: string; backupDir: string; port: number }

/** Welcome to the start of the reset, as a person would: by role and visible text. */
async function throughBackup(page: Page, demo: Demo, record = false): Promise<void> {
  await page.goto(demo.url)
  await expect(page.getByRole('heading', { level: 1, name: 'Locked out of your server?' })).toBeFocused()
  await expect(page.getByText(`· ${pkg.version}`)).toBeVisible()
  if (record) {
    await expectAccessible(page)
    await shot(page, '01-welcome')
  }
  await page.getByRole('button', { name: 'Find my server' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Find your server' })).toBeVisible()
  await expect(page.getByText('One server was found.')).toBeVisible()
  await expect(page.getByText('Signed in as kate_old')).toBeVisible()
  await expect(page.getByText('Running', { exact: true })).toBeVisible()
  if (record) {
    await expectAccessible(page)
    await shot(page, '02-find-your-server')
  }
  await page.getByRole('button', { name: /^Use this server/ }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Who is your server signed in as?' })).toBeVisible()
  await expect(page.getByText('k***@example.com')).toBeVisible()
  await expect(page.getByText('Sign-in saved on the server')).toBeVisible()
  // The demo's plex.tv still accepts the server's token: the question names its account.
  await expect(page.getByText('Can you sign in to Plex as kate_old?')).toBeVisible()
  await expect(page.locator('body')).not.toContainText('DEMOtoken')
  if (record) {
    await expectAccessible(page)
    await shot(page, '03-diagnosis')
  }
  await page.getByRole('button', { name: 'No, that is an old or wrong account' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Back up the settings' })).toBeVisible()
  // Reset cannot be entered before the backup exists.
  await expect(page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: '6 Reset', exact: true })).toBeDisabled()
  await page.getByRole('button', { name: 'Take the backup' }).click()
  await expect(page.getByText(/^The backup from .+ was saved and verified\.$/)).toBeVisible()
  if (record) {
    await expectAccessible(page)
    await shot(page, '04-backup')
  }
  await page.getByRole('button', { name: 'Review the reset' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Review the reset' })).toBeVisible()
  if (record) {
    await expectAccessible(page)
    await shot(page, '05-review')
  }
  await page.getByRole('button', { name: 'Reset now' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Reset the sign-in' })).toBeVisible()
}

/** Through the reset to "ready to be claimed", with screenshots and axe when recording. */
async function happyPath(page: Page, demo: Demo, record = false): Promise<void> {
  await throughBackup(page, demo, record)
  await expect(page.getByText('Working… please keep this window open.')).toBeVisible()
  // Nothing that could break a step half-way is clickable meanwhile.
  await expect(page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: '1 Welcome', exact: true })).toBeDisabled()
  await expect(page.getByText('The server is running and ready to be claimed.')).toBeVisible({ timeout: RESET_TIMEOUT })
  if (record) {
    await expectAccessible(page)
    await shot(page, '06-reset')
  }
}

test.describe('the wizard in demo mode', () => {
  test('happy path: reset, exact bytes, verified backup, then claimed', async ({ page, demo }) => {
    const original = readPreferences(demo.sandbox)
    await happyPath(page, demo, true)

    expect(readPreferences(demo.sandbox)).toBe(expectedAfterReset(original))
    expect(readPreferences(demo.sandbox)).not.toMatch(/ PlexOnline(Home|Mail|Token|Username)=/)
    expect(verifiedBackups(demo.backupDir).some((b) => b.payload === original)).toBe(true)
    expect(await identity(demo.port)).toEqual({ claimed: false })

    await page.getByRole('button', { name: 'Continue to claim' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Claim your server' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Get a claim code at plex.tv/claim' })).toHaveAttribute('href', 'https://www.plex.tv/claim')
    await page.getByRole('button', { name: 'Get a demo claim code' }).click()
    await expect(page.getByLabel('Claim code')).toHaveValue(/^claim-/)
    await expect(page.getByText(/^About [34]:\d\d left to use it\.$/)).toBeVisible()
    // The link ends its sentence with a full stop before the next one.
    await expect(page.locator('p', { has: page.getByRole('link', { name: 'Get a claim code at plex.tv/claim' }) })).toHaveText('Get a claim code at plex.tv/claim. A code works for about 4 minutes.')
    // A claim code names its account only after: the general note comes before.
    await expect(page.getByText('The server was signed in as kate_old. If you claim it with another account, shares, Plex Home users and managed users tied to kate_old may not follow.')).toBeVisible()
    await expectAccessible(page)
    await shot(page, '07-claim')
    await page.getByRole('button', { name: 'Claim the server' }).click()

    await expect(page.getByRole('heading', { level: 1, name: 'You are back in' })).toBeVisible()
    await expect(page.getByText('The server is signed in as kate_new.')).toBeVisible()
    await expect(page.getByText('Open Plex Web and sign in as kate_new: the server is yours again.')).toBeVisible()
    await expect(page.getByText(/should/)).toHaveCount(0)
    await expect(page.getByRole('note', { name: 'Another account than before' })).toContainText('It was signed in as kate_old before. Shares, Plex Home users and managed users tied to kate_old may not follow to kate_new')
    await expect(page.getByText('If Plex Web says "Not authorized"')).toContainText('open Plex Web in a private window')
    await expect(page.getByText('plex.tv lists Living Room Server as owned by kate_new.')).toBeVisible()
    await expectAccessible(page)
    await shot(page, '08-done')
    expect(await identity(demo.port)).toEqual({ claimed: true })
  })

  test('Sign in with Plex: approve on the plex.tv page, and the server is claimed', async ({ page, demo }) => {
    await happyPath(page, demo)
    await page.getByRole('button', { name: 'Continue to claim' }).click()
    const popup = page.waitForEvent('popup')
    await page.getByRole('button', { name: 'Sign in with Plex' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Waiting for you to sign in on plex.tv…' })).toBeVisible()
    const plexPage = await popup
    await plexPage.getByRole('button', { name: 'Approve' }).click()
    await expect(plexPage.getByRole('heading', { name: 'You can close this page' })).toBeVisible()
    // Another account than the server had (kate_old): nothing is claimed until the user says so.
    const confirm = page.getByRole('alertdialog', { name: 'Claim with another account?' })
    await expect(confirm).toBeFocused({ timeout: 15_000 })
    await expect(confirm).toContainText('The server will be signed in to kate_new instead of kate_old. Shares, Plex Home users and managed users tied to kate_old may not follow')
    expect(await identity(demo.port)).toEqual({ claimed: false })
    await confirm.getByRole('button', { name: 'Claim with kate_new' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'You are back in' })).toBeVisible({ timeout: 15_000 })
    await expect(page.getByText('The server is signed in as kate_new.')).toBeVisible()
    await expect(page.getByRole('note', { name: 'Another account than before' })).toBeVisible()
    expect(await identity(demo.port)).toEqual({ claimed: true })
  })

  test('restore from the list puts the original settings back', async ({ page, demo }) => {
    const original = readPreferences(demo.sandbox)
    await happyPath(page, demo)
    await page.getByRole('button', { name: 'Restore…' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Restore a backup' })).toBeVisible()
    await page.getByRole('radio').first().check()
    await expect(page.getByText('Signed in as kate_old').first()).toBeVisible()
    await expectAccessible(page)
    await shot(page, '09-restore')
    await page.getByRole('button', { name: 'Restore this backup' }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Restore this backup?' })
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
    await dialog.getByRole('button', { name: 'Restore' }).click()
    await expect(page.getByText(/^The backup from .+ is back in place and the server is running\.$/)).toBeVisible({ timeout: RESET_TIMEOUT })
    expect(readPreferences(demo.sandbox)).toBe(original)
    expect(await identity(demo.port)).toEqual({ claimed: true })
    expect(verifiedBackups(demo.backupDir).map((b) => b.reason)).toContain('pre-restore')
  })

  test('every step is reachable and operable by keyboard alone', async ({ page, demo }) => {
    await page.goto(demo.url)
    const pressUntilFocused = async (name: RegExp): Promise<void> => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab')
        const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')
        if (name.test(focused)) return
      }
      throw new Error(`${name} never took the focus`)
    }
    await pressUntilFocused(/^Find my server$/)
    await page.keyboard.press('Enter')
    await expect(page.getByText('One server was found.')).toBeVisible()
    await pressUntilFocused(/^Use this server$/)
    await page.keyboard.press('Enter')
    await pressUntilFocused(/^No, that is an old or wrong account$/)
    await page.keyboard.press('Enter')
    await pressUntilFocused(/^Take the backup$/)
    await page.keyboard.press('Enter')
    await pressUntilFocused(/^Review the reset$/)
    await page.keyboard.press('Enter')
    await pressUntilFocused(/^Reset now$/)
    await page.keyboard.press('Enter')
    await expect(page.getByText('The server is running and ready to be claimed.')).toBeVisible({ timeout: RESET_TIMEOUT })
    await pressUntilFocused(/^Continue to claim$/)
    await page.keyboard.press('Enter')
    await pressUntilFocused(/^Get a demo claim code$/)
    await page.keyboard.press('Enter')
    await expect(page.getByLabel('Claim code')).toHaveValue(/^claim-/)
    await pressUntilFocused(/^Claim the server$/)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: 'You are back in' })).toBeFocused()
    // Focus is always visible: the focused element draws an outline.
    await pressUntilFocused(/^Restore…$/)
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: 'Restore a backup' })).toBeFocused()
  })

  test('the API refuses a page without the token', async ({ page, demo }) => {
    await page.goto(new URL(demo.url).origin + '/')
    const status = await page.evaluate(async () => (await fetch('/api/invoke/app:get-info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status)
    expect(status).toBe(401)
  })
})

test.describe('failure scenarios', () => {
  test.describe('stop times out', () => {
    test.use({ scenario: 'stop-timeout' })
    test('says what happened and what to do, with details to copy; nothing changed', async ({ page, demo }) => {
      const original = readPreferences(demo.sandbox)
      await throughBackup(page, demo)
      const alert = page.getByRole('alert')
      await expect(alert).toContainText('did not stop in time', { timeout: RESET_TIMEOUT })
      await expect(page.getByText(/Where things stand: .*Its settings are unchanged/)).toBeVisible()
      await expect(alert.getByRole('button', { name: 'Copy details' })).toBeVisible()
      await expectAccessible(page)
      await shot(page, '10-error-stop-timeout')
      expect(readPreferences(demo.sandbox)).toBe(original)
    })
  })

  test.describe('elevation cancelled', () => {
    test.use({ scenario: 'elevation-cancelled' })
    test('the cancelled prompt can be retried', async ({ page, demo }) => {
      await throughBackup(page, demo)
      await expect(page.getByRole('alert')).toContainText('The password prompt was cancelled, so nothing was done.', { timeout: RESET_TIMEOUT })
      await page.getByRole('button', { name: 'Try again' }).click()
      await page.getByRole('button', { name: 'Reset now' }).click()
      await expect(page.getByText('The server is running and ready to be claimed.')).toBeVisible({ timeout: RESET_TIMEOUT })
      expect(readPreferences(demo.sandbox)).not.toContain('PlexOnlineToken')
    })
  })

  test.describe('claim token expired', () => {
    test.use({ scenario: 'claim-expired' })
    test('says to get a new code, and a new one works', async ({ page, demo }) => {
      await happyPath(page, demo)
      await page.getByRole('button', { name: 'Continue to claim' }).click()
      await page.getByRole('button', { name: 'Get a demo claim code' }).click()
      await page.getByRole('button', { name: 'Claim the server' }).click()
      await expect(page.getByRole('alert')).toContainText('did not accept that claim code: it has expired')
      await page.getByRole('button', { name: 'Get a demo claim code' }).click()
      await page.getByRole('button', { name: 'Claim the server' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'You are back in' })).toBeVisible()
      expect(await identity(demo.port)).toEqual({ claimed: true })
    })
  })
})
