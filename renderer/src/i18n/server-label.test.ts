import { beforeAll, describe, expect, it } from 'vitest'
import type { InstallationView } from '../../../preload/contract'
import { en } from '../messages/en'
import { loadLocale, localeOf } from './registry'
import { runServerLabel, serverLabel } from './server-label'

type Named = Pick<InstallationView, 'installType' | 'label' | 'labelDetail'>

/** Servers as main describes them (main/core/detect): the English label and its detail. */
const SERVERS: ReadonlyArray<{ readonly server: Named; readonly english: readonly string[]; readonly names: readonly string[] }> = [
  { server: { installType: 'linux-package', label: 'Plex Media Server (Linux package)', labelDetail: { kind: 'type' } }, english: ['package'], names: [] },
  {
    server: { installType: 'docker-linuxserver', label: 'Plex Media Server (Docker linuxserver/plex, container plex-main)', labelDetail: { kind: 'docker', image: 'linuxserver/plex', container: 'plex-main' } },
    english: ['container'],
    names: ['plex-main', 'linuxserver/plex']
  },
  { server: { installType: 'macos-app', label: 'Plex Media Server (macOS, user kate)', labelDetail: { kind: 'macos-user', user: 'kate' } }, english: ['user'], names: ['kate'] }
]

describe('server names in the active language', () => {
  beforeAll(() => Promise.all(['de', 'ja'].map(loadLocale)))

  it('in English, say what main says', () => {
    for (const { server } of SERVERS) expect(serverLabel(server, en.servers)).toBe(server.label)
  })

  it.each(['de', 'ja'])('in %s, carry no English words of the label and keep the names', (tag) => {
    const servers = localeOf(tag).messages.servers
    for (const { server, english, names } of SERVERS) {
      const worded = serverLabel(server, servers)
      expect(worded).not.toBe(server.label)
      // As whole words, in English's lower case: German's capitalised noun "Container" is German.
      for (const word of english) expect(worded).not.toMatch(new RegExp(`\\b${word}\\b`))
      for (const name of names) expect(worded).toContain(name)
      expect(worded).toContain('Plex Media Server')
    }
  })

  it('fall back to the English label for an install type or a detail it does not know', () => {
    expect(serverLabel({ installType: 'solaris-zone', label: 'Plex Media Server (Solaris zone)', labelDetail: { kind: 'type' } }, localeOf('de').messages.servers)).toBe('Plex Media Server (Solaris zone)')
    const newer = { installType: 'linux-package', label: 'Plex Media Server (a newer kind)', labelDetail: { kind: 'lxc', name: 'x' } } as unknown as Named
    expect(serverLabel(newer, localeOf('de').messages.servers)).toBe('Plex Media Server (a newer kind)')
  })

  it('a cut-off run names its server like a detected one, or in English from an older journal', () => {
    const run = { installType: 'macos-app', label: 'Plex Media Server (macOS, user kate)', labelDetail: { kind: 'macos-user', user: 'kate' } as const }
    const de = localeOf('de').messages.servers
    expect(runServerLabel(run, de)).toBe(serverLabel(run, de))
    expect(runServerLabel(run, de)).not.toMatch(/\buser\b/)
    expect(runServerLabel({ ...run, installType: null, labelDetail: null }, de)).toBe(run.label)
  })
})
