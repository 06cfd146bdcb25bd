import type { Page } from '@playwright/test'
import { expect, expectAccessible, shot, test } from './fixtures'
import { identity } from './sandbox'
import { RESET_TIMEOUT, toBackup } from './walk'

/**
 * The wizard after a finished run: every step says what the server says now, not what the last
 * run left behind. A second reset works (after a claim with the wrong account, or after a restore).
 */

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name, exact: true })

/** Back up, Review, Reset now, to "ready to be claimed". */
async function resetFromBackup(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Review the reset' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Review the reset' })).toBeVisible()
  await page.getByRole('button', { name: 'Reset now' }).click()
  await expect(page.getByText('The server is running and ready to be claimed.')).toBeVisible({ timeout: RESET_TIMEOUT })
}

/** Continue to claim, a demo code, claimed: Done. */
async function claim(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Continue to claim' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Claim your server' })).toBeVisible()
  await page.getByRole('button', { name: 'Get a demo claim code' }).click()
  await page.getByRole('button', { name: 'Claim the server' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'You are back in' })).toBeVisible({ timeout: 15_000 })
}

/** From Diagnosis (the server signed in again): "No", a new backup, the reset, the claim. */
async function secondPass(page: Page, from: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Who is your server signed in as?' })).toBeVisible()
  await expect(page.locator('main')).toContainText(from)
  await page.getByRole('button', { name: 'No, that is an old or wrong account' }).click()
  await page.getByRole('button', { name: 'Take the backup' }).click()
  await expect(page.getByText(/was saved and verified\.$/)).toBeVisible()
  await resetFromBackup(page)
}

test.describe('a second pass', () => {
  test('a second reset after a finished one reaches Done with the right account', async ({ page, demo }) => {
    await toBackup(page, demo.url)
    await resetFromBackup(page)
    await claim(page)
    await expect(page.getByText('The server is signed in as kate_new.')).toBeVisible()
    // Sign in with Plex (here: a claim code) picked the account: the user starts again from Diagnosis.
    await nav(page, '3 Diagnosis').click()
    await secondPass(page, 'kate_new')
    await expect(page.getByRole('heading', { level: 1, name: 'Reset the sign-in' })).toBeVisible()
    await expectAccessible(page)
    await page.evaluate(() => window.scrollTo(0, 0))
    await shot(page, '14-second-pass')
    await page.emulateMedia({ colorScheme: 'light' })
    await shot(page, '14-second-pass-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await claim(page)
    await expect(page.getByText('The server is signed in as kate_new.')).toBeVisible()
    // The server had kate_new before this claim: no account change to warn about.
    await expect(page.getByRole('note', { name: 'Another account than before' })).toHaveCount(0)
    expect(await identity(demo.port)).toEqual({ claimed: true })
  })

  test('after a restore: Done and Claim say the restored account, the next step is named, and a reset works again', async ({ page, demo }) => {
    await toBackup(page, demo.url)
    await resetFromBackup(page)
    await claim(page)
    await page.getByRole('button', { name: 'Restore…' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Restore a backup' })).toBeVisible()
    // The backup the wizard took before the reset says so.
    const before = page.getByRole('radio', { name: /before the reset on/ })
    await expect(before).toHaveCount(1)
    await expect(page.locator('main')).not.toContainText('by hand')
    await before.check()
    await page.getByRole('button', { name: 'Restore this backup' }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Restore this backup?' })
    await expect(dialog).toContainText('You will be signed in as kate_old again; kate_new loses access.')
    await dialog.getByRole('button', { name: 'Restore' }).click()
    // While it runs, no other step can be entered.
    await expect(page.getByRole('button', { name: 'Restoring…' })).toBeVisible()
    for (const step of ['1 Welcome', '6 Reset', '7 Claim', '8 Done']) await expect(nav(page, step)).toBeDisabled()
    await expect(page.getByText(/^The backup from .+ is back in place and the server is running\.$/)).toBeVisible({ timeout: RESET_TIMEOUT })
    await expect(page.getByText('The server is signed in as kate_old again. To get back in, reset it again.')).toBeVisible()

    await nav(page, '8 Done').click()
    await expect(page.getByText('The server is signed in as kate_old again. To get back in, reset it again.')).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name: 'You are back in' })).toHaveCount(0)
    await expectAccessible(page)
    await shot(page, '15-done-after-restore')
    await page.emulateMedia({ colorScheme: 'light' })
    await shot(page, '15-done-after-restore-light')
    await page.emulateMedia({ colorScheme: 'dark' })

    await nav(page, '7 Claim').click()
    await expect(page.getByText('The server is signed in as kate_old again. To get back in, reset it again.')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Claim the server' })).toHaveCount(0)

    await page.getByRole('button', { name: 'Reset again' }).click()
    await secondPass(page, 'kate_old')
    await claim(page)
    await expect(page.getByText('The server is signed in as kate_new.')).toBeVisible()
    await expect(page.getByRole('note', { name: 'Another account than before' })).toContainText('It was signed in as kate_old before.')
    // The second pass's backup holds the same bytes as the first one: one card, with both dates.
    await page.getByRole('button', { name: 'Restore…' }).click()
    const oldCard = page.locator('li.backup').filter({ hasText: 'Signed in as kate_old' })
    await expect(oldCard).toHaveCount(1)
    await expect(oldCard.locator('time')).toHaveCount(2)
  })

  test('a fresh load lands on Welcome, with a note of the finished run', async ({ page, demo }) => {
    await toBackup(page, demo.url)
    await resetFromBackup(page)
    const fresh = await page.context().newPage()
    await fresh.goto(demo.url)
    await expect(fresh.getByRole('heading', { level: 1, name: 'Locked out of your server?' })).toBeFocused()
    await expect(fresh.getByRole('note')).toContainText('The reset of Plex Media Server (Linux package) finished.')
    await expect(fresh.getByRole('heading', { level: 1, name: 'Reset the sign-in' })).toHaveCount(0)
    await expectAccessible(fresh)
  })
})

test('a reload during a restore follows it to its end, and the summary agrees with itself', async ({ page, demo }) => {
  await toBackup(page, demo.url)
  await resetFromBackup(page)
  await page.getByRole('button', { name: 'Restore…' }).click()
  await page.getByRole('radio', { name: /before the reset on/ }).check()
  await page.getByRole('button', { name: 'Restore this backup' }).click()
  await page.getByRole('alertdialog', { name: 'Restore this backup?' }).getByRole('button', { name: 'Restore' }).click()
  await expect(page.getByRole('listitem').filter({ hasText: 'Stop the server' })).toContainText('in progress', { timeout: RESET_TIMEOUT })
  page.once('dialog', (d) => void d.accept())
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Restore a backup' })).toBeVisible()
  await expect(page.getByText(/^The backup from .+ is back in place and the server is running\.$/)).toBeVisible({ timeout: RESET_TIMEOUT })
  await expect(page.locator('main')).not.toContainText('could not be checked')
  await expect(page.getByText('The server is signed in as kate_old again. To get back in, reset it again.')).toBeVisible()
})

test.describe('the restore list', () => {
  test('the backup before the reset says so, the newest useful one is marked, no nested parentheses', async ({ page, demo }) => {
    await toBackup(page, demo.url)
    await resetFromBackup(page)
    await page.getByRole('button', { name: 'Restore…' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Restore a backup' })).toBeVisible()
    await expect(page.getByRole('radio', { name: /before the reset on/ })).toHaveCount(1)
    await expect(page.locator('li.backup').filter({ hasText: 'kate_old' })).toContainText('Newest with a sign-in')
    expect(await page.locator('main').innerText()).not.toMatch(/\([^)]*\(/)
    await expectAccessible(page)
  })
})

test.describe('errors', () => {
  test.describe('stop times out', () => {
    test.use({ scenario: 'stop-timeout' })
    test('the error shows its command and stays with its step', async ({ page, demo }) => {
      await toBackup(page, demo.url)
      await page.getByRole('button', { name: 'Review the reset' }).click()
      await page.getByRole('button', { name: 'Reset now' }).click()
      const alert = page.getByRole('alert')
      await expect(alert).toContainText('did not stop in time', { timeout: RESET_TIMEOUT })
      await expect(alert.locator('code')).toHaveText('sudo systemctl stop plexmediaserver')
      await nav(page, '1 Welcome').click()
      await expect(page.getByRole('alert')).toHaveCount(0)
      await nav(page, '6 Reset').click()
      await expect(page.getByRole('alert').locator('code')).toHaveText('sudo systemctl stop plexmediaserver')
    })
  })

  test.describe('elevation cancelled', () => {
    test.use({ scenario: 'elevation-cancelled' })
    test('the summary does not contradict itself: nothing was done, and nothing was started again', async ({ page, demo }) => {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
      await toBackup(page, demo.url)
      await page.getByRole('button', { name: 'Review the reset' }).click()
      await page.getByRole('button', { name: 'Reset now' }).click()
      const alert = page.getByRole('alert')
      await expect(alert).toContainText('The password prompt was cancelled, so nothing was done.', { timeout: RESET_TIMEOUT })
      await alert.getByRole('button', { name: 'Copy details' }).click()
      await expect(alert.getByRole('button', { name: 'Details copied' })).toBeVisible()
      const details = await page.evaluate(() => navigator.clipboard.readText())
      expect(details).toMatch(/^Error: ELEVATION_CANCELLED: .*nothing was done/m)
      expect(details).not.toContain('started again')
    })
  })

  test('Copy details holds only the operation that failed', async ({ page, demo }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await toBackup(page, demo.url)
    await resetFromBackup(page)
    await nav(page, '2 Find your server').click()
    await page.getByRole('button', { name: 'A server on another machine…' }).click()
    await page.getByLabel('Server address').fill('127.0.0.1')
    await page.getByLabel('SSH port').fill('1')
    await page.getByLabel('User name').fill('root')
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    const alert = page.getByRole('alert')
    await expect(alert.getByRole('button', { name: 'Copy details' })).toBeVisible({ timeout: 15_000 })
    await alert.getByRole('button', { name: 'Copy details' }).click()
    await expect(alert.getByRole('button', { name: 'Details copied' })).toBeVisible()
    const details = await page.evaluate(() => navigator.clipboard.readText())
    expect(details).toMatch(/^Error: SSH_/m)
    expect(details).not.toMatch(/preflight|verify-backup|Steps:/)
  })
})
