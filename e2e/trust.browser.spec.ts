import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, expectAccessible, test } from './fixtures'
import { contrastOf, RESET_TIMEOUT, sideways, toBackup } from './walk'
import { identity, readPreferences } from './sandbox'

// Issue 16, item by item: what a nervous owner meets off the happy path.

test('1. nothing destructive starts before the Review step, which says what will happen', async ({ page, demo }) => {
  const original = readPreferences(demo.sandbox)
  await toBackup(page, demo.url)
  await page.getByRole('button', { name: 'Review the reset' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Review the reset' })).toBeVisible()
  await expect(page.getByText('kate_old', { exact: true })).toBeVisible()
  await expect(page.getByText('Anyone watching is cut off.')).toBeVisible()
  await expect(page.getByText(/may ask for your password/)).toBeVisible()
  // Still running, still signed in: the review changed nothing.
  expect(await identity(demo.port)).toEqual({ claimed: true })
  expect(readPreferences(demo.sandbox)).toBe(original)
  await expect(page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: '6 Reset', exact: true })).toBeDisabled()
  await page.getByRole('button', { name: 'Reset now' }).click()
  await expect(page.getByText('The server is running and ready to be claimed.')).toBeVisible({ timeout: RESET_TIMEOUT })
  // The reset reused the verified backup: one backup, not two.
  await page.getByRole('button', { name: 'Restore…' }).click()
  await expect(page.getByRole('radio')).toHaveCount(1)
})

test.describe('2. a failure is shown on the step that failed', () => {
  test.use({ scenario: 'stop-timeout' })
  test('stop times out: "Stop the server" failed, later steps not started, nothing spinning, the error in view', async ({ page, demo }) => {
    await toBackup(page, demo.url)
    await page.getByRole('button', { name: 'Review the reset' }).click()
    await page.getByRole('button', { name: 'Reset now' }).click()
    const alert = page.getByRole('main').getByRole('alert')
    await expect(alert).toContainText('Plex Media Server did not stop in time.', { timeout: RESET_TIMEOUT })
    const row = (name: string) => page.getByRole('listitem').filter({ hasText: name })
    await expect(row('Verify the backup')).toContainText('done')
    await expect(row('Stop the server')).toContainText('failed')
    await expect(row('Make sure it stopped')).toContainText('not started')
    await expect(page.getByText('in progress')).toHaveCount(0)
    await expect(page.getByText(/Where things stand: Plex Media Server is running\. Its settings are unchanged\./)).toBeVisible()
    await expect(alert).toBeInViewport()
    // Codes and step ids only in Copy details.
    await expect(page.locator('main')).not.toContainText('STOP_TIMEOUT')
    await expect(page.locator('main')).not.toContainText('verify-backup')
    await expectAccessible(page)
    // "Copy details" has the code, main's own words and the same steps as the list.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await alert.getByRole('button', { name: 'Copy details' }).click()
    await expect(alert.getByRole('button', { name: 'Details copied' })).toBeVisible()
    const details = await page.evaluate(() => navigator.clipboard.readText())
    expect(details).toContain('Error: STOP_TIMEOUT: ')
    expect(details).toContain('  stop: failed')
    expect(details).toContain('  verify-backup: done')
  })
})

test('3. a reload in the middle of a reset reattaches and ends with the finished result; leaving asks first', async ({ page, demo }) => {
  await toBackup(page, demo.url)
  await page.getByRole('button', { name: 'Review the reset' }).click()
  await page.getByRole('button', { name: 'Reset now' }).click()
  await expect(page.getByRole('listitem').filter({ hasText: 'Stop the server' })).toContainText('in progress', { timeout: RESET_TIMEOUT })
  // Leaving during the run asks first.
  let asked = ''
  page.once('dialog', (d) => {
    asked = d.type()
    void d.accept()
  })
  await page.reload()
  expect(asked).toBe('beforeunload')
  await expect(page.getByRole('heading', { level: 1, name: 'Reset the sign-in' })).toBeVisible()
  await expect(page.getByText(/interrupted|did not finish/)).toHaveCount(0)
  await expect(page.getByRole('listitem').filter({ hasText: 'Verify the backup' })).toContainText('done')
  await expect(page.getByText('The server is running and ready to be claimed.')).toBeVisible({ timeout: RESET_TIMEOUT })
  await expect(page.getByRole('listitem').filter({ hasText: 'Check it is unclaimed' })).toContainText('done')
  // Reloading again lands on Welcome with a note of the finished run (not a cut-off one); the result is one click away.
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Locked out of your server?' })).toBeVisible()
  await page.getByRole('note').getByRole('button', { name: 'Show it' }).click()
  await expect(page.getByText('The server is running and ready to be claimed.')).toBeVisible()
  await page.getByRole('button', { name: 'Continue to claim' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Claim your server' })).toBeVisible()
})

/** A finished reset whose journal lost its outcome, as if the process had died before recording it. */
async function cutOffReset(page: Page, demo: { url: string; backupDir: string }): Promise<void> {
  await toBackup(page, demo.url)
  await page.getByRole('button', { name: 'Review the reset' }).click()
  await page.getByRole('button', { name: 'Reset now' }).click()
  await expect(page.getByText('The server is running and ready to be claimed.')).toBeVisible({ timeout: RESET_TIMEOUT })
  const runs = join(demo.backupDir, 'runs')
  const name = readdirSync(runs).find((n) => n.endsWith('.journal.json'))!
  const journal = JSON.parse(readFileSync(join(runs, name), 'utf8')) as Record<string, unknown>
  delete journal.outcome
  writeFileSync(join(runs, name), JSON.stringify(journal))
  await page.reload()
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: 'Welcome' }).click()
  await expect(page.getByText(/A reset of .+ did not finish: Plex Reclaim was closed after "Check it is unclaimed"\./)).toBeVisible()
}

test('3. a run cut off by an earlier process: Undo says what it puts back, then shows progress and the result', async ({ page, demo }) => {
  const original = readPreferences(demo.sandbox)
  await cutOffReset(page, demo)
  await page.getByRole('button', { name: 'Undo it…' }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Undo this run?' })
  await expect(dialog).toContainText(/puts back the settings as they were before the run \(backup from .+, signed in as kate_old\)/)
  await dialog.getByRole('button', { name: 'Undo the run' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Undo the run' })).toBeVisible()
  await expect(page.getByText('Undone: the settings are as they were before the run, and the server is running.')).toBeVisible({ timeout: RESET_TIMEOUT })
  // An undo is the restore plan back to the run's own backup: it ends with the server answering.
  await expect(page.getByRole('listitem').filter({ hasText: 'Put the chosen backup back' })).toContainText('done')
  await expect(page.getByRole('listitem').filter({ hasText: 'Check that the server answers' })).toContainText('done')
  expect(readPreferences(demo.sandbox)).toBe(original)
})

test('3. a run cut off by an earlier process: Finish it shows progress and the result', async ({ page, demo }) => {
  await cutOffReset(page, demo)
  // The cut-off run's server is named in the wizard's language, like a detected one.
  await page.locator('#language').selectOption('de')
  await expect(page.locator('.card.warning')).toContainText('Plex Media Server (Linux-Paket)')
  await page.locator('#language').selectOption('en')
  await page.getByRole('button', { name: 'Finish it' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Finish the reset' })).toBeVisible()
  await expect(page.getByText('The server is running and ready to be claimed.')).toBeVisible({ timeout: RESET_TIMEOUT })
  await expect(page.getByRole('listitem').filter({ hasText: 'Start the server' })).toContainText('done')
  await expect(page.getByText('A reset of')).toHaveCount(0)
})

test('4. the restore view reads like a history, says who the server is signed in as again, and disarms', async ({ page, demo }) => {
  await toBackup(page, demo.url)
  await page.getByRole('button', { name: 'Restore…' }).click()
  const radio = page.getByRole('radio').first()
  await radio.check()
  const [r, label] = [await radio.boundingBox(), await page.locator('.backup-main').first().boundingBox()]
  // The radio sits at the start of its row, beside the text, not in a column of its own.
  expect(r!.width).toBeLessThan(30)
  expect(label!.x - (r!.x + r!.width)).toBeLessThan(24)
  await expect(page.getByText('Signed in as kate_old')).toBeVisible()
  await page.getByRole('button', { name: 'Restore this backup' }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Restore this backup?' })
  await expect(dialog).toContainText('signed in as kate_old again')
  const date = (await page.locator('.backup-main strong').first().textContent())!
  await dialog.getByRole('button', { name: 'Restore' }).click()
  await expect(page.getByText(`The backup from ${date} is back in place and the server is running.`)).toBeVisible({ timeout: RESET_TIMEOUT })
  await expect(page.getByRole('listitem').filter({ hasText: 'Put the chosen backup back' })).toContainText('done')
  await expect(page.getByText('Remove the old sign-in')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Restore this backup' })).toBeDisabled()
})

test('5. the SSH form checks as the user types and accepts user@host; errors are plain and beside their work', async ({ page, demo }) => {
  await page.goto(demo.url)
  await page.getByRole('button', { name: 'Find my server' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /\// })).toHaveCount(0)
  await page.getByRole('button', { name: 'A server on another machine…' }).click()
  const host = page.getByLabel('Server address')
  await host.fill('nas local')
  await expect(host).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText(/That is not a server name or address/)).toBeVisible()
  await host.fill('kate@nas.local')
  await expect(host).toHaveAttribute('aria-invalid', 'false')
  await expect(page.getByLabel('User name')).toHaveCount(0)
  await host.fill('kate@127.0.0.1:1')
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  const alert = page.locator('.remote').getByRole('alert')
  await expect(alert).toBeVisible({ timeout: 15_000 })
  await expect(alert).not.toContainText(/ECONNREFUSED|remote:connect|Invalid input/)
  await expect(alert).toBeInViewport()
})

test.describe('6. claim', () => {
  test.use({ scenario: 'claim-expired' })
  test('one recommended path, only what applies; the countdown restarts per code and stops at an error', async ({ page, demo }) => {
    await toBackup(page, demo.url)
    await page.getByRole('button', { name: 'Review the reset' }).click()
    await page.getByRole('button', { name: 'Reset now' }).click()
    await page.getByRole('button', { name: 'Continue to claim' }).click({ timeout: RESET_TIMEOUT })
    await expect(page.getByText('Recommended')).toHaveCount(1)
    await expect(page.getByText('For a server without a screen')).toHaveCount(0)
    await page.getByRole('button', { name: 'Get a demo claim code' }).click()
    await page.getByRole('button', { name: 'Claim the server' }).click()
    await expect(page.getByRole('alert')).toContainText('did not accept that claim code')
    await expect(page.getByText(/left to use it/)).toHaveCount(0)
    await page.getByRole('button', { name: 'Get a demo claim code' }).click()
    await expect(page.getByRole('alert')).toHaveCount(0)
    await expect(page.getByText(/^About (4:00|3:5\d) left to use it\.$/)).toBeVisible()
  })
})

test('7. steps open and close consistently', async ({ page, demo }) => {
  await page.goto(demo.url)
  const nav = page.getByRole('navigation', { name: 'Steps' })
  await nav.getByRole('button', { name: 'Find your server' }).click()
  await expect(page.getByText('One server was found.')).toBeVisible()
  await expect(nav.getByRole('button', { name: 'Diagnosis' })).toBeDisabled()
  await page.getByRole('button', { name: /^Use this server/ }).click()
  await page.getByRole('button', { name: 'Yes, I can sign in as that account' }).click()
  await expect(page.getByRole('link', { name: 'Open Plex Web' })).toBeVisible()
  for (const step of ['4 Back up', '5 Review', '6 Reset']) await expect(nav.getByRole('button', { name: step, exact: true })).toBeDisabled()
})

test('8. focus, dialogs and contrast', async ({ page, demo }) => {
  const errors: string[] = []
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())))
  await toBackup(page, demo.url)
  expect(errors).toEqual([])
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY')
  await page.getByRole('button', { name: 'Restore…' }).click()
  await page.getByRole('radio').first().check()
  await page.getByRole('button', { name: 'Restore this backup' }).click()
  const dialog = page.getByRole('alertdialog')
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab')
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true)
  }
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
})

test.describe('8. light theme', () => {
  test.use({ colorScheme: 'light' })
  test('the primary button meets AA', async ({ page, demo }) => {
    await page.goto(demo.url)
    expect(await contrastOf(page, 'button.primary')).toBeGreaterThanOrEqual(4.5)
  })
})

test.describe('9. at 200% zoom', () => {
  test.use({ viewport: { width: 440, height: 330 }, deviceScaleFactor: 2 })
  test('the steps become a bar above the step and nothing scrolls sideways', async ({ page, demo }) => {
    await toBackup(page, demo.url, async () => {
      expect(await sideways(page)).toBe(0)
    })
    const nav = (await page.getByRole('navigation', { name: 'Steps' }).boundingBox())!
    const main = (await page.getByRole('main').boundingBox())!
    expect(main.y).toBeGreaterThanOrEqual(nav.y + nav.height - 1)
    await page.getByRole('button', { name: 'Restore…' }).click()
    await page.getByRole('radio').first().check()
    expect(await sideways(page)).toBe(0)
  })
})

test.describe('9. at 800x600', () => {
  test.use({ viewport: { width: 800, height: 600 } })
  test('nothing scrolls sideways on any step up to the review', async ({ page, demo }) => {
    await toBackup(page, demo.url, async () => {
      expect(await sideways(page)).toBe(0)
    })
    await page.getByRole('button', { name: 'Review the reset' }).click()
    expect(await sideways(page)).toBe(0)
  })
})

test('9. no box around the title on load, no jump in the steps list, a clear Done page', async ({ page, demo }) => {
  await page.goto(demo.url)
  const h1 = page.getByRole('heading', { level: 1 })
  await expect(h1).toBeFocused()
  expect(await h1.evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('none')
  const rows = () => page.getByRole('navigation', { name: 'Steps' }).getByRole('button').evaluateAll((bs) => bs.map((b) => Math.round(b.getBoundingClientRect().y)))
  const before = await rows()
  await page.getByRole('button', { name: 'Find my server' }).click()
  await expect(page.getByText('One server was found.')).toBeVisible()
  expect(await rows()).toEqual(before)
})
