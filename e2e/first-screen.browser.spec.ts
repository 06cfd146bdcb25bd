import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import pkg from '../package.json' with { type: 'json' }

test.describe('first screen over the loopback bridge', () => {
  test('shows the version, platform and runtime from a real channel', async ({ page }) => {
    await page.goto(process.env.DEMO_URL!)
    await expect(page.getByRole('heading', { level: 1, name: 'Locked out of your server?' })).toBeVisible()
    await expect(page.getByTestId('app-version')).toHaveText(pkg.version)
    await expect(page.getByTestId('app-platform')).toHaveText(process.platform)
    await expect(page.getByTestId('app-runtime')).toHaveText('a browser (loopback bridge)')
    await expect(page.getByText('Demo mode: a simulated server in a sandbox.')).toBeVisible()
    // The token is taken out of the address bar once read.
    expect(new URL(page.url()).hash).toBe('')
    await page.screenshot({ path: 'docs/screenshots/first-screen.png' })
  })

  test('has no accessibility violations', async ({ page }) => {
    await page.goto(process.env.DEMO_URL!)
    await expect(page.getByTestId('app-version')).toBeVisible()
    const results = await new AxeBuilder({ page }).analyze()
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
  })

  test('the page cannot reach the API without the token', async ({ page }) => {
    await page.goto(new URL(process.env.DEMO_URL!).origin + '/')
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/invoke/app:get-info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      return res.status
    })
    expect(status).toBe(401)
  })
})
