import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { expect, expectAccessible, test } from './fixtures'
import type { DemoServer } from './demo-server'

// Issue 28: after the claim, Done asks plex.tv with the server's new token (kept in main) and says
// what it lists under the server's own word; and "Save a support report" writes a file with no secret.
const RESET_TIMEOUT = 30_000

/** Welcome to Done with a demo claim code, as a person would. */
async function claimed(page: Page, demo: DemoServer): Promise<void> {
  await page.goto(demo.url)
  await page.getByRole('button', { name: 'Find my server' }).click()
  await page.getByRole('button', { name: /^Use this server/ }).click()
  await page.getByRole('button', { name: 'No, that is an old or wrong account' }).click()
  await page.getByRole('button', { name: 'Take the backup' }).click()
  await expect(page.getByText(/^The backup from .+ was saved and verified\.$/)).toBeVisible()
  await page.getByRole('button', { name: 'Review the reset' }).click()
  await page.getByRole('button', { name: 'Reset now' }).click()
  await expect(page.getByText('The server is running and ready to be claimed.')).toBeVisible({ timeout: RESET_TIMEOUT })
  await page.getByRole('button', { name: 'Continue to claim' }).click()
  await page.getByRole('button', { name: 'Get a demo claim code' }).click()
  await page.getByRole('button', { name: 'Claim the server' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'You are back in' })).toBeVisible()
  await expect(page.getByText('The server is signed in as kate_new.')).toBeVisible()
}

test.describe("Done: plex.tv's word under the server's", () => {
  test('listed and owned: the second line, and Open Plex Web on this server; then a support report', async ({ page, demo }) => {
    await claimed(page, demo)
    await expect(page.getByText('plex.tv lists Living Room Server as owned by kate_new.')).toBeVisible()
    await expect(page.getByRole('link', { name: 'Open this server in Plex Web (app.plex.tv)' })).toHaveAttribute('href', /^https:\/\/app\.plex\.tv\/desktop\/#!\/media\/[0-9a-f]{40}\/com\.plexapp\.plugins\.library$/)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Save a support report' }).click()
    const saved = page.getByText('Support report saved to')
    await expect(saved).toBeVisible()
    const path = (await saved.locator('.mono').textContent())!
    expect(path.startsWith(`${demo.backupDir}/reports/plex-reclaim-report-`)).toBe(true)
    const report = readFileSync(path, 'utf8')
    expect(report).toMatch(/^Plex Reclaim support report, /)
    expect(report).toContain('(desktop app)')
    expect(report).not.toMatch(/DEMOtoken|@example\.com|claim-[A-Za-z0-9]{6,}|SERVER[0-9a-f]{24}/)
  })

  test.describe('not listed yet', () => {
    test.use({ scenario: 'ownership-lagging' })
    test('asked again for a while, then said so', async ({ page, demo }) => {
      await claimed(page, demo)
      await expect(page.getByText('plex.tv does not list this server for kate_new yet. It can lag behind a claim: look again in a few minutes.')).toBeVisible({ timeout: 15_000 })
      await expect(page.getByRole('link', { name: 'Open this server in Plex Web (app.plex.tv)' })).toHaveCount(0)
    })
  })

  test.describe('the check refused (401)', () => {
    test.use({ scenario: 'ownership-refused' })
    test('says the check could not be made, nothing about ownership', async ({ page, demo }) => {
      await claimed(page, demo)
      await expect(page.getByText("plex.tv's own check could not be made: it did not accept the server's token for it. The server's word above stands.")).toBeVisible()
      await expect(page.locator('body')).not.toContainText('owned by')
    })
  })

  test.describe('plex.tv unreachable', () => {
    test.use({ scenario: 'ownership-unreachable' })
    test('says the check could not be made', async ({ page, demo }) => {
      await claimed(page, demo)
      await expect(page.getByText("plex.tv's own check could not be made: plex.tv did not answer.")).toBeVisible()
    })
  })
})
