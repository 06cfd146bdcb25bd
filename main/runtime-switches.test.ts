import { describe, expect, it } from 'vitest'
import { runtimeSwitches } from './runtime-switches'

const everything = { ELECTRON_RENDERER_URL: 'http://localhost:5173/', PLEX_RECLAIM_PLEXTV_URL: 'http://127.0.0.1:9/', PLEX_RECLAIM_FAULT_AT: 'after:stop' }

describe('stand-in switches', () => {
  it('work in an unpackaged build', () => {
    expect(runtimeSwitches(false, everything, ['electron', '.', '--demo'])).toEqual({ devUrl: 'http://localhost:5173/', demo: true })
  })

  it('are all ignored in a packaged release build', () => {
    expect(runtimeSwitches(true, everything, ['Plex Reclaim', '--demo'])).toEqual({ devUrl: null, demo: false })
  })

  it('the app reads no other stand-in switch: the plex.tv URL and fault injection are the CLI\'s test hooks only', async () => {
    const { readFileSync, readdirSync } = await import('node:fs')
    const { join } = await import('node:path')
    const appFiles = ['index.ts', 'window.ts', 'security.ts', 'protocol.ts', ...readdirSync(join(import.meta.dirname, 'ipc')).filter((f) => !f.includes('.test.')).map((f) => join('ipc', f))]
    const text = appFiles.map((f) => readFileSync(join(import.meta.dirname, f), 'utf8')).join('\n')
    expect(text).not.toMatch(/PLEX_RECLAIM_PLEXTV_URL|PLEX_RECLAIM_FAULT_AT|STANDIN_/)
    expect(text).toMatch(/runtimeSwitches\(app\.isPackaged/)
  })
})
