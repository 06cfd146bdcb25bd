import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'
import { startDemo, type DemoServer } from './demo-server'

/** Each test gets its own demo (a sandbox, the simulator, the bridge), optionally a failure scenario. */
export const test = base.extend<{ scenario: string; demo: DemoServer }>({
  scenario: ['happy', { option: true }],
  demo: async ({ scenario }, use) => {
    const demo = await startDemo(['--scenario', scenario])
    await use(demo)
    await demo.stop()
  }
})

export { expect }

/** axe on the page as it is; any violation fails the test with its rule and help text. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([])
}

export const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/${name}.png` })
