import { createHash } from 'node:crypto'
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/support/temp'
import { onAppImageMount, prepareHelper } from './elevated-helper'

const INSTEAD = 'sudo /tmp/.mount_PlexRe1/resources/bin/plex-reclaim reset --yes --server pms-0123456789ab'

function shipped(bytes: string, sumsFor: string = bytes) {
  const resources = tempDir('helper-res')
  const path = join(resources, 'plex-reclaim')
  writeFileSync(path, bytes, { mode: 0o755 })
  const sum = createHash('sha256').update(sumsFor).digest('hex')
  writeFileSync(join(resources, 'SHA256SUMS'), `${'0'.repeat(64)}  plex-reclaim-0.1.0-win-x64.exe\n${sum}  plex-reclaim-0.1.0-linux-x64\n`)
  return { path, checksums: { file: join(resources, 'SHA256SUMS'), name: 'plex-reclaim-0.1.0-linux-x64' }, copyFirst: true }
}

describe('the helper from an AppImage: a private, verified copy', () => {
  it('knows an AppImage by $APPIMAGE or its FUSE mount', () => {
    expect(onAppImageMount('/tmp/.mount_PlexRe1/resources/bin/plex-reclaim', undefined)).toBe(true)
    expect(onAppImageMount('/opt/Plex Reclaim/resources/bin/plex-reclaim', '/home/kate/Plex.AppImage')).toBe(true)
    expect(onAppImageMount('/opt/Plex Reclaim/resources/bin/plex-reclaim', undefined)).toBe(false)
  })

  it('copies it into a fresh 0700 folder of ours, the file 0700, when its sha256 is the shipped one; dispose removes it', async () => {
    const tempRoot = tempDir('helper-tmp')
    const p = await prepareHelper(shipped('#!/bin/sh\necho helper\n'), INSTEAD, { tempRoot })
    const dir = join(p.path, '..')
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(dir).uid).toBe(process.geteuid!())
    expect(statSync(p.path).mode & 0o777).toBe(0o700)
    await p.dispose()
    expect(existsSync(dir)).toBe(false)
  })

  it('refuses to run a copy whose sha256 differs from SHA256SUMS, and leaves no copy behind', async () => {
    const tempRoot = tempDir('helper-tmp')
    const helper = shipped('#!/bin/sh\necho tampered\n', '#!/bin/sh\necho helper\n')
    await expect(prepareHelper(helper, INSTEAD, { tempRoot })).rejects.toMatchObject({
      code: 'ELEVATION_UNAVAILABLE',
      message: expect.stringMatching(new RegExp(`^Plex Reclaim's helper could not be checked \\(its sha256 is [0-9a-f]{64}, but .*SHA256SUMS gives [0-9a-f]{64}\\), so it was not run and nothing was changed\\. Reinstall Plex Reclaim, or run this in a terminal: ${INSTEAD.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
    })
    expect(readdirSync(tempRoot)).toEqual([])
  })

  it('refuses when SHA256SUMS does not name it, or is missing', async () => {
    const tempRoot = tempDir('helper-tmp')
    const helper = shipped('x')
    await expect(prepareHelper({ ...helper, checksums: { ...helper.checksums, name: 'plex-reclaim-9.9.9-linux-x64' } }, INSTEAD, { tempRoot })).rejects.toMatchObject({ code: 'ELEVATION_UNAVAILABLE' })
    await expect(prepareHelper({ path: helper.path, copyFirst: true }, INSTEAD, { tempRoot })).rejects.toMatchObject({ code: 'ELEVATION_UNAVAILABLE', message: expect.stringContaining('no SHA256SUMS') })
    expect(readdirSync(tempRoot)).toEqual([])
  })

  it('runs an installed helper (a .deb\'s, root can read it) in place', async () => {
    const p = await prepareHelper({ path: '/opt/Plex Reclaim/resources/bin/plex-reclaim' }, INSTEAD)
    expect(p.path).toBe('/opt/Plex Reclaim/resources/bin/plex-reclaim')
  })
})
