import { build } from 'plist'
import { describe, expect, it, vi } from 'vitest'
import { LocalHost } from '../host/local'
import type { Host } from '../host/types'
import { MacDefaultsStore } from './macos-defaults'

/**
 * Issue 25 item 8: defaults(1) acts on the calling user's domain, so it runs as the user who runs
 * the server, decided by the uid on the server's machine (asked with id(1) there, as the stop and
 * start are), never by this process's uid: over SSH they differ.
 */
function remote(uid: string, name: string): { host: Host; ran: string[][] } {
  const ran: string[][] = []
  const answer = (stdout: string) => ({ exitCode: 0, stdout, stderr: '', notFound: false, timedOut: false })
  const host = Object.assign(Object.create(new LocalHost()) as Host, {
    which: async (program: string) => `/usr/bin/${program}`,
    exec: async (program: string, args: readonly string[]) => {
      if (program === 'id') return answer(`${args.includes('-un') ? name : args.length === 2 ? '501' : uid}\n`)
      ran.push([program, ...args])
      return answer(build({ MachineIdentifier: 'mac-1' }))
    }
  })
  return { host, ran }
}

describe('defaults as the server\'s user, by the uid on the server\'s machine', () => {
  it('root there (this process not root): sudo -u the server\'s user', async () => {
    const spy = vi.spyOn(process, 'getuid').mockReturnValue(1000)
    try {
      const { host, ran } = remote('0', 'root')
      await new MacDefaultsStore(host, 'kate').snapshot()
      expect(ran).toEqual([['sudo', '-u', 'kate', '/usr/bin/defaults', 'export', 'com.plexapp.plexmediaserver', '-']])
    } finally {
      spy.mockRestore()
    }
  })

  it('the server\'s own user there (this process root): plain defaults', async () => {
    const spy = vi.spyOn(process, 'getuid').mockReturnValue(0)
    try {
      const { host, ran } = remote('501', 'kate')
      await new MacDefaultsStore(host, 'kate').snapshot()
      expect(ran).toEqual([['defaults', 'export', 'com.plexapp.plexmediaserver', '-']])
    } finally {
      spy.mockRestore()
    }
  })

  it('another user there: refused, naming who to run it as, and defaults never runs', async () => {
    const { host, ran } = remote('502', 'sam')
    await expect(new MacDefaultsStore(host, 'kate').snapshot()).rejects.toThrow(/runs as kate on this Mac.*Run Plex Reclaim as kate, or with sudo/)
    expect(ran).toEqual([])
  })
})
