import { describe, expect, it } from 'vitest'
import { readSettingValues } from './setting-values'
import type { SettingsStore, StoreSnapshot, StoreTarget } from './types'

const utf16 = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])

/** A store whose snapshot is a given export: the reading is what is tested, not the tool. */
const storeOf = (target: StoreTarget, payload: Buffer): SettingsStore =>
  ({ target, snapshot: async () => ({ kind: target.kind, payload, fileName: 'x', account: {}, keysPresent: [] }) as unknown as StoreSnapshot }) as unknown as SettingsStore

describe('the diagnosis reads its values the way each store reads itself', () => {
  it('a Windows export (reg export, UTF-16): value names are not case-sensitive', async () => {
    const reg = utf16(
      ['Windows Registry Editor Version 5.00', '', '[HKEY_CURRENT_USER\\Software\\Plex, Inc.\\Plex Media Server]', '"PlexOnlineToken"="SECRET"', '"AllowedNetworks"="192.168.1.0/24"', '"PlexOnlineHome"=dword:00000001', ''].join('\r\n')
    )
    const store = storeOf({ kind: 'windows-registry', key: 'HKCU\\Software\\Plex, Inc.\\Plex Media Server' }, reg)
    expect(await readSettingValues(store, ['PlexOnlineToken', 'allowedNetworks', 'PlexOnlineHome', 'PlexOnlineMail'])).toEqual({ PlexOnlineToken: 'SECRET', allowedNetworks: '192.168.1.0/24', PlexOnlineHome: '1' })
  })

  it('a macOS defaults export (XML plist)', async () => {
    const plist = Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0"><dict><key>PlexOnlineToken</key><string>SECRET</string><key>allowedNetworks</key><string>10.0.0.0/255.0.0.0</string></dict></plist>\n'
    )
    const store = storeOf({ kind: 'macos-defaults', domain: 'com.plexapp.plexmediaserver', user: null }, plist)
    expect(await readSettingValues(store, ['PlexOnlineToken', 'allowedNetworks', 'PlexOnlineHome'])).toEqual({ PlexOnlineToken: 'SECRET', allowedNetworks: '10.0.0.0/255.0.0.0' })
  })
})
