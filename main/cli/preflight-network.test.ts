import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { localNetworkCheck } from '../core/host/network-check'
import { readIdentity } from '../core/server/identity'
import { linuxServer, type LinuxServer } from '../../test/support/linux-server'
import { SIGNED_IN, layOut, tempDir } from '../../test/support/temp'
import { testHooks } from '../../test/support/cli-hooks'
import { runCli } from './run'

// Issue 27 item 4: the preflight asks plex.tv only when a claim follows on that machine (a reset
// that starts the server), never for --no-service; and it gives up after 2 s (PLEX_TV_PROBE_MS).
let counter: Server
let requests: string[] = []
let url = ''
beforeAll(async () => {
  counter = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`)
    res.writeHead(200, { date: new Date().toUTCString() }).end()
  })
  await new Promise<void>((r) => counter.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(counter.address() as AddressInfo).port}`
})
afterAll(() => new Promise((r) => counter.close(r)))
let machine: LinuxServer | undefined
afterEach(async () => {
  requests = []
  await machine?.dispose()
  machine = undefined
})

async function cli(argv: string[]) {
  const out: string[] = []
  const code = await runCli(argv, { out: (s) => void out.push(s), err: (s) => void out.push(s) }, { ...testHooks(), plexTv: { baseUrl: url, authUrl: `${url}/auth` } })
  return { code, text: out.join('\n') }
}

describe("the preflight's plex.tv check", () => {
  it('reset --file --no-service: plex.tv is not asked (no claim follows from here)', async () => {
    const root = tempDir()
    layOut(root, { 'data/Preferences.xml': SIGNED_IN })
    const r = await cli(['reset', '--file', join(root, 'data', 'Preferences.xml'), '--no-service', '--yes', '--backup-dir', join(root, 'backups'), '--verbose'])
    expect(r.code, r.text).toBe(0)
    expect(requests).toEqual([])
    expect(r.text).not.toMatch(/preflight plex-tv/)
  })

  it('a reset that starts the server (a claim follows there): plex.tv is asked once', async () => {
    machine = await linuxServer()
    expect(machine.systemctl('start', 'plexmediaserver').status).toBe(0)
    for (let i = 0; i < 100 && !(await readIdentity(machine.port)); i++) await new Promise((r) => setTimeout(r, 30))
    const r = await cli(['reset', '--root', machine.root, '--yes', '--port', String(machine.port), '--backup-dir', machine.backups])
    expect(r.code, r.text).toBe(0)
    expect(requests).toEqual(['HEAD /'])
  }, 30_000)

  it('a plex.tv that accepts and never answers: given up on (unreachable), not waited for', async () => {
    const silent = createServer(() => undefined)
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    try {
      const check = await localNetworkCheck(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`)
      expect(check.plexTv).toMatchObject({ state: 'unreachable', detail: expect.stringMatching(/timeout|aborted/i) })
    } finally {
      silent.closeAllConnections()
      await new Promise((r) => silent.close(r))
    }
  })
})
