import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The hardening rules (rule 9; electron-anchors.md's checklist), checked from the outside on what
 * ships: every BrowserWindow in the built main bundle (out/main/index.js, made by `npm run build`,
 * which `npm test` runs first), not a copy of the source's literal. Electron cannot run here; the
 * security scan reads the sources the same way.
 */
const BUNDLE = join(import.meta.dirname, '..', 'out', 'main', 'index.js')
const RULES: Readonly<Record<string, string>> = {
  contextIsolation: 'true',
  sandbox: 'true',
  nodeIntegration: 'false',
  nodeIntegrationInWorker: 'false',
  nodeIntegrationInSubFrames: 'false',
  webviewTag: 'false',
  webSecurity: 'true',
  allowRunningInsecureContent: 'false',
  experimentalFeatures: 'false'
}

/** The webPreferences object literal of each `new …BrowserWindow({` in the bundle, as key → source text. */
function windows(bundle: string): Array<Record<string, string>> {
  return [...bundle.matchAll(/new [\w.]*BrowserWindow\(\{/g)].map((m) => {
    const from = bundle.indexOf('webPreferences:', m.index)
    const open = bundle.indexOf('{', from)
    let depth = 0
    let end = open
    for (; end < bundle.length; end++) {
      if (bundle[end] === '{') depth++
      else if (bundle[end] === '}' && --depth === 0) break
    }
    const body = bundle.slice(open + 1, end)
    // "key: value," or the shorthand "key," (the value is then the variable of that name)
    return Object.fromEntries([...body.matchAll(/^\s*(\w+)\s*(?::\s*([^,\n]+?))?\s*,?\s*(?:\/\/.*)?$/gm)].map((p) => [p[1]!, p[2] ?? p[1]!]))
  })
}

describe('the built main bundle', () => {
  it('exists (npm run build)', () => {
    expect(existsSync(BUNDLE), `${BUNDLE} is missing: run "npm run build" first`).toBe(true)
  })

  it.runIf(existsSync(BUNDLE))('creates every window with the hardening rules of the checklist', () => {
    const found = windows(readFileSync(BUNDLE, 'utf8'))
    expect(found.length).toBeGreaterThan(0)
    for (const prefs of found) {
      for (const [key, value] of Object.entries(RULES)) expect(prefs[key], `webPreferences.${key}`).toBe(value)
      expect(prefs.preload, 'a preload script').toBeDefined()
      expect(prefs.enableRemoteModule, 'no remote module').toBeUndefined()
    }
  })
})
