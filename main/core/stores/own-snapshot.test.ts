import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalHost } from '../host/local'
import { SIGNED_IN, tempDir } from '../../../test/support/temp'
import { SIGN_IN_KEYS } from './keys'
import type { StoreSnapshot } from './types'
import { XmlFileStore } from './xml-file'

/** A store acts only on a snapshot it took itself: another kind's, or a raw read, is refused before any write. */
describe('each store keeps its own snapshot type', () => {
  const setup = () => {
    const dir = tempDir()
    const path = join(dir, 'Preferences.xml')
    writeFileSync(path, SIGNED_IN)
    return { path, store: new XmlFileStore(new LocalHost(), path, dir) }
  }

  it('a registry snapshot handed to the Preferences.xml store is refused, and the file is untouched', async () => {
    const { path, store } = setup()
    const foreign: StoreSnapshot = { kind: 'windows-registry', payload: Buffer.from(SIGNED_IN), fileName: 'Plex Media Server.reg', account: (await store.snapshot()).account, keysPresent: SIGN_IN_KEYS }
    await expect(store.removeSignIn(foreign)).rejects.toMatchObject({ code: 'INTERNAL', message: 'A snapshot of a windows-registry store was given to a preferences-xml store; nothing was changed.' })
    await expect(store.verifyRemoved(foreign)).rejects.toMatchObject({ code: 'INTERNAL' })
    expect(readFileSync(path, 'utf8')).toBe(SIGNED_IN)
  })

  it('a raw read (a damaged file kept as bytes) is the store\'s own kind and file name, but no snapshot to edit from', async () => {
    const { path, store } = setup()
    const raw = await store.readRaw()
    expect(raw).toMatchObject({ kind: 'preferences-xml', fileName: 'Preferences.xml', keysPresent: [] })
    await expect(store.removeSignIn(raw!)).rejects.toMatchObject({ code: 'INTERNAL' })
    expect(readFileSync(path, 'utf8')).toBe(SIGNED_IN)
    // Its own snapshot still works.
    expect(await store.removeSignIn(await store.snapshot())).toEqual(SIGN_IN_KEYS)
  })
})
