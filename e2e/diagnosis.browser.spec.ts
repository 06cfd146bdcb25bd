import type { Page } from '@playwright/test'
import { expect, expectAccessible, shot, test } from './fixtures'
import { identity, readPreferences } from './sandbox'
import { RESET_TIMEOUT, toBackup } from './walk'

/** Welcome to Diagnosis for the demo's one server. */
async function toDiagnosis(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.getByRole('button', { name: 'Find my server' }).click()
  await page.getByRole('button', { name: /^Use this server/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Who is your server signed in as?' })).toBeVisible()
}

/** Through the reset to the Claim step, then "Sign in with Plex" approved on the plex.tv stand-in as kate_new. */
async function signInAsAnother(page: Page, url: string): Promise<void> {
  await toBackup(page, url)
  await page.getByRole('button', { name: 'Review the reset' }).click()
  await page.getByRole('button', { name: 'Reset now' }).click()
  await page.getByRole('button', { name: 'Continue to claim' }).click({ timeout: RESET_TIMEOUT })
  const popup = page.waitForEvent('popup')
  await page.getByRole('button', { name: 'Sign in with Plex' }).click()
  const plexPage = await popup
  await plexPage.getByRole('button', { name: 'Approve' }).click()
  await plexPage.close()
}

test.describe('diagnosis: what plex.tv says of the server’s sign-in', () => {
  test('valid: the question names the account; "yes" needs no reset and opens Plex Web', async ({ page, demo }) => {
    await toDiagnosis(page, demo.url)
    // The verdict first, in one line, then the evidence; the weight on trying Plex Web, not on the reset.
    await expect(page.locator('.verdict')).toHaveText('You may not need a reset: try this first')
    await expect(page.getByText('plex.tv still accepts the server’s sign-in, as kate_old.')).toBeVisible()
    await expect(page.getByText('Can you sign in to Plex as kate_old?')).toBeVisible()
    const yes = page.getByRole('button', { name: 'Yes, I can sign in as that account' })
    const no = page.getByRole('button', { name: 'No, that is an old or wrong account' })
    await expect(yes).toHaveClass(/primary/)
    await expect(no).not.toHaveClass(/primary/)
    await yes.click()
    await expect(page.getByRole('status').filter({ hasText: 'No reset needed' })).toContainText('sign in again as kate_old')
    await expect(page.getByRole('link', { name: 'Open Plex Web' })).toHaveClass(/primary/)
    await expectAccessible(page)
    await shot(page, '03a-diagnosis-valid')
    // "No" still leads to the reset.
    await no.click()
    await expect(page.getByRole('heading', { level: 1, name: 'Back up the settings' })).toBeVisible()
  })

  test.describe('revoked', () => {
    test.use({ scenario: 'token-revoked' })
    test('says plainly that the old sign-in was revoked and a reset is needed', async ({ page, demo }) => {
      await toDiagnosis(page, demo.url)
      await expect(page.locator('.verdict')).toHaveText('You need a reset')
      await expect(page.getByRole('button', { name: 'Continue to the backup' })).toHaveClass(/primary/)
      const said = page.getByRole('status').filter({ hasText: 'The old sign-in was revoked' })
      await expect(said).toContainText('plex.tv no longer accepts the server’s sign-in as kate_old')
      await expect(said).toContainText('forced password reset')
      await expect(said).toContainText('A reset is needed to get back in.')
      // No question to guess at.
      await expect(page.getByRole('button', { name: 'Yes, I can sign in as that account' })).toHaveCount(0)
      await expectAccessible(page)
      await shot(page, '03b-diagnosis-revoked')
      await page.getByRole('button', { name: 'Continue to the backup' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Back up the settings' })).toBeVisible()
    })
  })

  test.describe('local access', () => {
    test.use({ scenario: 'local-access' })
    test('loopback inside allowedNetworks: a reset may not be needed; the setting is shown, never changed', async ({ page, demo }) => {
      const before = readPreferences(demo.sandbox)
      await toDiagnosis(page, demo.url)
      await expect(page.locator('.verdict')).toHaveText('You may not need a reset: try this first')
      const note = page.getByRole('note', { name: 'A reset may not be needed' })
      // Of this computer and what to do, not of netmasks and ::1.
      await expect(note).toContainText('This computer may use the server without signing in')
      await expect(note).toContainText('Open Plex Web on this computer first')
      await expect(note).not.toContainText(/::1|255\.255|127\.0\.0\.1/)
      await expect(page.getByText('Can you sign in to Plex as kate_old?')).toBeVisible()
      await expectAccessible(page)
      await shot(page, '03c-diagnosis-local-access')
      expect(readPreferences(demo.sandbox)).toBe(before)
    })
  })

  test('without allowedNetworks (and with Plex Home) there is no local-access note', async ({ page, demo }) => {
    await toDiagnosis(page, demo.url)
    await expect(page.getByText('Can you sign in to Plex as kate_old?')).toBeVisible()
    await expect(page.getByRole('note', { name: 'A reset may not be needed' })).toHaveCount(0)
  })
})

test.describe('Sign in with Plex as another account', () => {
  test('Cancel claims nothing and Sign in with Plex is offered again', async ({ page, demo }) => {
    await signInAsAnother(page, demo.url)
    const confirm = page.getByRole('alertdialog', { name: 'Claim with another account?' })
    await expect(confirm).toBeFocused({ timeout: 15_000 })
    await expect(confirm.getByRole('button', { name: 'Claim with kate_new' })).toBeVisible()
    await expectAccessible(page)
    await shot(page, '07b-claim-another-account')
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await expect(confirm).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Sign in with Plex' })).toBeEnabled()
    expect(await identity(demo.port)).toEqual({ claimed: false })
  })

  test('Claim with the new account claims the server and Done names the change', async ({ page, demo }) => {
    await signInAsAnother(page, demo.url)
    const confirm = page.getByRole('alertdialog', { name: 'Claim with another account?' })
    await confirm.getByRole('button', { name: 'Claim with kate_new' }).click({ timeout: 15_000 })
    await expect(page.getByRole('heading', { level: 1, name: 'You are back in' })).toBeVisible({ timeout: 15_000 })
    await expect(page.getByRole('note', { name: 'Another account than before' })).toContainText('It was signed in as kate_old before')
    await expectAccessible(page)
    expect(await identity(demo.port)).toEqual({ claimed: true })
  })
})
