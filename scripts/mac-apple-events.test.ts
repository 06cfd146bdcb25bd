import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { parse } from 'plist'
import { describe, expect, it } from 'vitest'

/**
 * Issue 25 item 2: the app quits "Plex Media Server" with an Apple Event (osascript). Apple's
 * NSAppleEventsUsageDescription ("A message that tells the user why the app is requesting the
 * ability to send Apple events"; without it macOS 10.14+ refuses the event with -1743 and no
 * prompt) goes into Info.plist, and a hardened app needs the entitlement
 * com.apple.security.automation.apple-events ("Hardened Runtime: Apple Events"). Read through
 * electron-builder's own config loader, as the build reads it. Setting `mac.entitlements` replaces
 * electron-builder's default file (app-builder-lib/templates/entitlements.mac.plist), so ours
 * keeps every entitlement that one grants (Electron's JIT and unsigned executable memory).
 */
const root = join(import.meta.dirname, '..')
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'))
const { getConfig } = builderRequire('app-builder-lib/out/util/config/config') as { getConfig: (dir: string, path: string | null, options: null) => Promise<{ mac?: Record<string, unknown> }> }
const entitlements = (file: string): Record<string, unknown> => parse(readFileSync(file, 'utf8')) as Record<string, unknown>

describe('macOS build: Apple Events allowed (Info.plist and entitlements)', () => {
  it('Info.plist says why the app sends Apple Events', async () => {
    const { mac } = await getConfig(root, join(root, 'electron-builder.yml'), null)
    const info = (mac?.extendInfo ?? {}) as Record<string, unknown>
    expect(info.NSAppleEventsUsageDescription).toMatch(/Plex Media Server/)
  })

  it('the entitlements add apple-events and keep each of electron-builder\'s defaults; the hardened runtime stays on', async () => {
    const { mac } = await getConfig(root, join(root, 'electron-builder.yml'), null)
    expect(mac?.hardenedRuntime).not.toBe(false)
    expect(mac?.entitlements).toBe('assets/mac/entitlements.mac.plist')
    expect(mac?.entitlementsInherit).toBe('assets/mac/entitlements.mac.plist')
    const ours = entitlements(join(root, 'assets/mac/entitlements.mac.plist'))
    const defaults = entitlements(join(dirname(builderRequire.resolve('app-builder-lib/package.json')), 'templates/entitlements.mac.plist'))
    expect(Object.keys(defaults).length).toBeGreaterThan(0)
    expect(ours).toEqual({ ...defaults, 'com.apple.security.automation.apple-events': true })
  })
})
