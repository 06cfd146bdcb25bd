import { defineConfig } from '@playwright/test'

/** Debian's Chromium, never a downloaded browser; the flags keep it off the (closed) network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
]

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Each test has its own demo (sandbox, simulator, bridge): tests spread over both cores.
  fullyParallel: true,
  workers: 4,
  timeout: 90_000,
  reporter: [['list']],
  projects: [
    {
      name: 'chromium',
      testMatch: /.*\.browser\.spec\.ts/,
      use: { browserName: 'chromium', locale: 'en-US', colorScheme: 'dark', viewport: { width: 880, height: 660 }, launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS } }
    },
    { name: 'electron', testMatch: /.*\.electron\.spec\.ts/ }
  ]
})
