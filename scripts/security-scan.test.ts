import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs script without types
import { copyAppSources, scan } from './security-scan.mjs'

type Finding = { id: string; severity: string; confidence: string; file: string }
const root = join(import.meta.dirname, '..')

describe('security scan', () => {
  it('fails our app with a deliberately insecure window, and passes ours', async () => {
    const ours = mkdtempSync(join(tmpdir(), 'scan-ours-'))
    copyAppSources(root, ours)
    // The same app, but the window factory turns on nodeIntegration and turns off contextIsolation.
    const insecure = mkdtempSync(join(tmpdir(), 'scan-insecure-'))
    copyAppSources(root, insecure)
    const window = join(insecure, 'main', 'window.ts')
    const text = readFileSync(window, 'utf8')
    writeFileSync(window, text.replace('contextIsolation: true', 'contextIsolation: false').replace('nodeIntegration: false,', 'nodeIntegration: true,'))
    expect(readFileSync(window, 'utf8')).not.toEqual(text)

    const [bad, good] = (await Promise.all([scan(insecure), scan(ours)])) as Array<{ blocking: Finding[] }>
    // Electronegativity does not report nodeIntegration while sandbox stays on (main/window.test.ts
    // pins every webPreference); contextIsolation off is HIGH/FIRM and fails the gate.
    expect(bad!.blocking.map((f) => `${f.id} ${f.file}`)).toEqual(['CONTEXT_ISOLATION_JS_CHECK main/window.ts'])
    expect(good!.blocking).toEqual([])
  }, 60_000)
})
