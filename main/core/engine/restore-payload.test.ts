import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BackupStore, sha256 } from '../backups/store'
import { LocalHost } from '../host/local'
import { XmlFileStore } from '../stores/xml-file'
import { engineContext } from '../../../test/support/engine'
import { SIGNED_IN, SIGNED_OUT, tempDir } from '../../../test/support/temp'
import { runReset, runRestore } from './index'

/** A manifest whose sha256 was made to match other bytes: the payload is checked as a settings file too. */
describe('a backup whose payload is not a settings file', () => {
  it.each([
    ['not XML at all', Buffer.from('#!/bin/sh\nrm -rf /\n')],
    ['XML, but not Preferences', Buffer.from('<?xml version="1.0"?>\n<Other a="1"/>\n')],
    ['empty', Buffer.alloc(0)]
  ])('%s: refused before anything is written, the settings untouched', async (_name, evil) => {
    const dir = tempDir('payload')
    const prefs = join(dir, 'Preferences.xml')
    writeFileSync(prefs, SIGNED_IN)
    const backups = join(dir, 'backups')
    const host = new LocalHost()
    const store = new XmlFileStore(host, prefs, dir)
    const reset = await runReset(engineContext(store, backups))
    expect(readFileSync(prefs, 'utf8')).toBe(SIGNED_OUT)
    const id = reset.journal.backupId!
    const stored = await new BackupStore(backups, host).get(id)
    writeFileSync(stored.payloadPath, evil)
    const manifestPath = join(dirname(stored.payloadPath), 'manifest.json')
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, sha256: sha256(evil), size: evil.length }))
    await expect(runRestore(engineContext(store, backups), id)).rejects.toMatchObject({ code: 'BACKUP_CORRUPT', message: expect.stringMatching(/does not hold a Preferences\.xml/) })
    expect(readFileSync(prefs, 'utf8')).toBe(SIGNED_OUT)
  })
})
