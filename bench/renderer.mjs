/* global document, window, MutationObserver -- the functions passed to addInitScript and evaluate run in the page */
// The renderer's weight and start-up: the JavaScript the first screen fetches, gzipped (target
// < 100 KB; the other languages are chunks fetched only when chosen), and the time from navigation
// to the first step being interactive (its primary button visible and enabled; target < 300 ms), in
// Debian's Chromium against the demo over the loopback bridge. After npm run build.
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { createInterface } from 'node:readline'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'

const root = join(import.meta.dirname, '..')
const assets = join(root, 'out', 'renderer', 'assets')
const gzipped = (f) => gzipSync(readFileSync(join(assets, f)), { level: 9 }).length
const kb = (bytes) => (bytes / 1024).toFixed(1)
const all = readdirSync(assets).filter((f) => f.endsWith('.js'))

const demo = spawn(process.execPath, [join(root, 'out', 'node', 'demo.js'), '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
const { url } = JSON.parse(await new Promise((resolve) => createInterface({ input: demo.stdout }).once('line', resolve)))
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] })
/** The scripts a fresh window fetches until its first step is shown, in a browser of this language. */
async function firstScreen(locale, heading) {
  const context = await browser.newContext({ locale })
  const page = await context.newPage()
  const fetched = new Set()
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) fetched.add(basename(new URL(r.url()).pathname))
  })
  await page.goto(url)
  await page.getByRole('heading', { level: 1, name: heading }).waitFor()
  await context.close()
  const files = [...fetched]
  const gz = files.reduce((sum, f) => sum + gzipped(f), 0)
  console.log(`first screen in ${locale}: ${files.length} scripts, ${kb(gz)} KB gzipped (target < 100 KB): ${files.sort().join(', ')}`)
}
await firstScreen('en-US', 'Locked out of your server?')
await firstScreen('de-DE', 'Kein Zugang mehr zu deinem Server?')
console.log(`all renderer JavaScript (every language): ${all.length} files, ${kb(all.reduce((sum, f) => sum + gzipped(f), 0))} KB gzipped`)

const samples = []
for (let i = 0; i < 15; i++) {
  const context = await browser.newContext()
  const page = await context.newPage()
  // Measured inside the page: performance.now() counts from the start of the navigation.
  await page.addInitScript(() => {
    const seen = () => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Find my server' && !b.disabled)
    new MutationObserver((_m, observer) => {
      if (seen()) {
        window.__interactiveAt = performance.now()
        observer.disconnect()
      }
    }).observe(document, { childList: true, subtree: true })
  })
  await page.goto(url)
  await page.waitForFunction(() => typeof window.__interactiveAt === 'number')
  samples.push(await page.evaluate(() => window.__interactiveAt))
  await context.close()
}
samples.sort((a, b) => a - b)
console.log(`navigation to first step interactive, ${samples.length} loads: median ${samples[samples.length >> 1].toFixed(0)} ms, worst ${samples.at(-1).toFixed(0)} ms (target < 300 ms)`)
await browser.close()
demo.kill('SIGTERM')
