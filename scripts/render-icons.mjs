// Renders assets/icon.svg into the files electron-builder and the window use: icon.png (512),
// icon.ico (16 to 256, PNG-compressed entries) and icon.icns (PNG-based ic07 to ic10), with
// Debian's Chromium. Run after changing the SVG: node scripts/render-icons.mjs
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'

const assets = join(import.meta.dirname, '..', 'assets')
const svg = readFileSync(join(assets, 'icon.svg'), 'utf8')
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })

async function render(size) {
  const page = await browser.newPage({ viewport: { width: size, height: size } })
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('width="512" height="512"', `width="${size}" height="${size}"`)}</body></html>`)
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
  await page.close()
  return png
}

const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
const png = Object.fromEntries(await Promise.all(sizes.map(async (s) => [s, await render(s)])))
await browser.close()
writeFileSync(join(assets, 'icon.png'), png[512])

// ICO: a directory of PNG images (Windows Vista and later read PNG entries).
const icoSizes = [16, 24, 32, 48, 64, 128, 256]
const header = Buffer.alloc(6 + 16 * icoSizes.length)
header.writeUInt16LE(0, 0)
header.writeUInt16LE(1, 2)
header.writeUInt16LE(icoSizes.length, 4)
let offset = header.length
icoSizes.forEach((s, i) => {
  const at = 6 + 16 * i
  header.writeUInt8(s === 256 ? 0 : s, at)
  header.writeUInt8(s === 256 ? 0 : s, at + 1)
  header.writeUInt16LE(1, at + 4)
  header.writeUInt16LE(32, at + 6)
  header.writeUInt32LE(png[s].length, at + 8)
  header.writeUInt32LE(offset, at + 12)
  offset += png[s].length
})
writeFileSync(join(assets, 'icon.ico'), Buffer.concat([header, ...icoSizes.map((s) => png[s])]))

// ICNS: "icns" + length, then typed PNG chunks.
const icnsTypes = [['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]]
const chunks = icnsTypes.map(([type, s]) => {
  const head = Buffer.alloc(8)
  head.write(type, 0, 'latin1')
  head.writeUInt32BE(8 + png[s].length, 4)
  return Buffer.concat([head, png[s]])
})
const body = Buffer.concat(chunks)
const icnsHead = Buffer.alloc(8)
icnsHead.write('icns', 0, 'latin1')
icnsHead.writeUInt32BE(8 + body.length, 4)
writeFileSync(join(assets, 'icon.icns'), Buffer.concat([icnsHead, body]))
console.log('wrote icon.png, icon.ico, icon.icns')
