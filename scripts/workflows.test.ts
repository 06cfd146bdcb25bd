import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { validateWorkflow } from '@action-validator/core'
import { describe, expect, it } from 'vitest'

// The GitHub Actions workflows cannot run here: they are checked against the workflow schema
// (SchemaStore's, inside @action-validator/core), which covers syntax and structure, not behaviour.
const dir = join(import.meta.dirname, '..', '.github', 'workflows')
const read = (name: string) => readFileSync(join(dir, name), 'utf8')

describe('GitHub Actions workflows', () => {
  /**
   * @action-validator/core 0.6.0's schema predates the `attestations` permission, so that one line
   * is taken out before the schema check (and asserted on its own below); everything else is checked.
   */
  const ATTESTATIONS = /^\s+attestations: write\n/m
  it.each(readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)))('%s is a valid workflow', (name) => {
    expect(validateWorkflow(read(name).replace(ATTESTATIONS, '')).errors).toEqual([])
  })

  it('the schema check still rejects the attestations permission (when a newer validator takes it, drop the exception)', () => {
    expect(validateWorkflow(read('release.yml')).errors).not.toEqual([])
  })

  it('the release attests the provenance of every file it publishes, with the permissions that needs', () => {
    const release = read('release.yml')
    expect(release).toMatch(ATTESTATIONS)
    expect(release).toMatch(/^\s+id-token: write$/m)
    expect(release).toMatch(/uses: actions\/attest-build-provenance@v\d+\n\s+with:\n\s+subject-path: files\/\*/)
    // Attested before the release is created from the same files.
    expect(release.indexOf('attest-build-provenance')).toBeLessThan(release.indexOf('gh release create'))
  })

  it('the validator rejects a broken workflow (so the check above can fail)', () => {
    expect(validateWorkflow('on: push\njobs:\n  a:\n    steps:\n      - run: true\n').errors).not.toEqual([])
    expect(validateWorkflow('on: push\njobs: [\n').errors[0]).toMatchObject({ code: 'parse_error' })
  })

  it('CI runs .ci/run in debian:12, and the unit tests on Windows and macOS, on the Node the executables carry', () => {
    const ci = read('ci.yml')
    expect(ci).toMatch(/container:\n\s+image: debian:12/)
    expect(ci).toContain('run: bash .ci/run')
    expect(ci).toMatch(/os: \[windows-latest, macos-latest\]/)
    const node = /NODE_VERSION = '([\d.]+)'/.exec(readFileSync(join(import.meta.dirname, 'dist-cli', 'node-binaries.mjs'), 'utf8'))![1]
    for (const name of ['ci.yml', 'release.yml']) {
      const pins = [...read(name).matchAll(/node-version: (\S+)/g)].map((m) => m[1])
      expect(pins.length, name).toBeGreaterThan(0)
      expect(new Set(pins), name).toEqual(new Set([node]))
    }
  })

  it('the release builds the installers on each OS, the CLI with dist:cli, and attaches them with checksums', () => {
    const release = read('release.yml')
    expect(release).toMatch(/tags: \['v\*'\]/)
    expect(release).toContain('run: npm run dist:cli')
    expect(release).toMatch(/os: \[ubuntu-latest, windows-latest, macos-latest\]/)
    expect(release).toContain('run: npm run dist -- --publish never')
    expect(release).toContain('sha256sum -- *')
    expect(release).toContain('gh release create')
  })
})
