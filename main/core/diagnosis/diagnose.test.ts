import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/temp'
import { startPlexTv, type PlexTvStandIn } from '../../simulator/plex-tv'
import type { ServerControl } from '../detect/types'
import { LocalHost } from '../host/local'
import type { ExecResult, Host } from '../host/types'
import { XmlFileStore } from '../stores/xml-file'
import { clientFromSshConnection, gatewaysFromInspect } from './client-address'
import { diagnose } from './diagnose'

let plexTv: PlexTvStandIn
const dir = tempDir('plex-diagnose')
const local = new LocalHost()
const systemd: ServerControl = { kind: 'systemd', unit: 'plexmediaserver' }
beforeAll(async () => void (plexTv = await startPlexTv()))
afterAll(async () => {
  await plexTv.close()
  rmSync(dir, { recursive: true, force: true })
})

const prefs = (attrs: string): XmlFileStore => {
  const file = join(dir, `${Math.random().toString(16).slice(2)}.xml`)
  writeFileSync(file, `<?xml version="1.0" encoding="utf-8"?>\n<Preferences MachineIdentifier="m1" ${attrs}/>\n`)
  return new XmlFileStore(local, file, dir)
}
const run = (store: XmlFileStore, host: Host = local, control: ServerControl = systemd, baseUrl = plexTv.url) =>
  diagnose({ host, store, control, plexTv: { baseUrl, clientIdentifier: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' } })
const signedIn = (token: string, extra = ''): string => `PlexOnlineToken="${token}" PlexOnlineUsername="kate" PlexOnlineMail="kate@example.com" ${extra}`

describe('diagnosis: the token the server holds, asked of plex.tv', () => {
  it('valid (200): names the account plex.tv knows', async () => {
    plexTv.mintClaimToken({ username: 'kate', email: 'kate@example.com', authToken: 'TOKENvalid0001' })
    expect((await run(prefs(signedIn('TOKENvalid0001')))).signIn).toEqual({ state: 'valid', account: { username: 'kate', maskedEmail: 'k***@example.com' } })
  })

  it('revoked (401): a reset is certainly needed', async () => {
    expect((await run(prefs(signedIn('TOKENnobodyKnows')))).signIn).toEqual({ state: 'revoked' })
  })

  it('plex.tv unreachable: unknown', async () => {
    expect((await run(prefs(signedIn('TOKENvalid0001')), local, systemd, 'http://127.0.0.1:9')).signIn).toEqual({ state: 'unknown', reason: 'unreachable' })
  })

  it('a token that cannot be read (permission denied): unknown, and plex.tv is not asked', async () => {
    const denied = Object.assign(Object.create(local) as Host, { readFile: () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })) })
    const store = prefs(signedIn('TOKENvalid0001'))
    const d = await diagnose({ host: denied, store: new XmlFileStore(denied, store.target.path, dir), control: systemd, plexTv: { baseUrl: 'http://127.0.0.1:9', clientIdentifier: 'x' } })
    expect(d).toEqual({ signIn: { state: 'unknown', reason: 'unreadable' }, localAccess: null })
  })

  it('an empty token left after a revocation (linuxserver/docker-plex #328): a claim is needed, and plex.tv is not asked', async () => {
    const d = await run(prefs('PlexOnlineToken="" PlexOnlineUsername="kate" PlexOnlineMail="kate@example.com"'), local, systemd, 'http://127.0.0.1:9')
    expect(d.signIn).toEqual({ state: 'claim-needed' })
  })

  it('no token in the settings: unknown (not signed in)', async () => {
    expect((await run(prefs('FriendlyName="Den"'))).signIn).toEqual({ state: 'unknown', reason: 'no-token' })
  })
})

describe('diagnosis: local access from allowedNetworks (article 200890058), without Plex Home (203948786)', () => {
  it('a server here, with loopback allowed: inside', async () => {
    const d = await run(prefs(signedIn('TOKENx', 'allowedNetworks="192.168.1.0/255.255.255.0,127.0.0.1"')))
    expect(d.localAccess).toEqual({ allowedNetworks: ['192.168.1.0/255.255.255.0', '127.0.0.1'], seenAs: { addresses: ['127.0.0.1', '::1'], how: 'loopback' }, inside: true })
  })

  it('a server here, with IPv6 loopback allowed as a network: inside', async () => {
    expect((await run(prefs(signedIn('TOKENx', 'allowedNetworks="::1/128"')))).localAccess?.inside).toBe(true)
  })

  it('a server here, with only the LAN allowed: outside', async () => {
    expect((await run(prefs(signedIn('TOKENx', 'allowedNetworks="192.168.1.0/24"')))).localAccess?.inside).toBe(false)
  })

  it('with Plex Home, nothing is said about local access', async () => {
    expect((await run(prefs(signedIn('TOKENx', 'PlexOnlineHome="1" allowedNetworks="127.0.0.1"')))).localAccess).toBeNull()
  })

  it('without allowedNetworks, nothing is said', async () => {
    expect((await run(prefs(signedIn('TOKENx')))).localAccess).toBeNull()
  })

  it('over SSH: the client address from SSH_CONNECTION, as the server sees it', async () => {
    const ssh = Object.assign(Object.create(local) as Host, {
      kind: 'ssh',
      exec: async (program: string): Promise<ExecResult> => ({ exitCode: program === 'printenv' ? 0 : 1, stdout: '192.168.1.23 50522 192.168.1.10 22\n', stderr: '', notFound: false, timedOut: false })
    })
    const store = prefs(signedIn('TOKENx', 'allowedNetworks="192.168.1.0/24"'))
    const d = await diagnose({ host: ssh, store: new XmlFileStore(ssh, store.target.path, dir), control: systemd, plexTv: { baseUrl: plexTv.url, clientIdentifier: 'x' } })
    expect(d.localAccess).toEqual({ allowedNetworks: ['192.168.1.0/24'], seenAs: { addresses: ['192.168.1.23'], how: 'ssh-client' }, inside: true })
  })

  it('over SSH through sudo (SSH_CONNECTION not kept): the socket address of this end', async () => {
    const ssh = Object.assign(Object.create(local) as Host, {
      kind: 'ssh',
      localAddress: '::ffff:10.0.0.8',
      exec: async (): Promise<ExecResult> => ({ exitCode: 1, stdout: '', stderr: '', notFound: false, timedOut: false })
    })
    const store = prefs(signedIn('TOKENx', 'allowedNetworks="192.168.1.0/24"'))
    const d = await diagnose({ host: ssh, store: new XmlFileStore(ssh, store.target.path, dir), control: systemd, plexTv: { baseUrl: plexTv.url, clientIdentifier: 'x' } })
    expect(d.localAccess).toMatchObject({ seenAs: { addresses: ['10.0.0.8'], how: 'ssh-client' }, inside: false })
  })
})

describe('which address the server sees', () => {
  it('SSH_CONNECTION: the first field, IPv4 or IPv6', () => {
    expect(clientFromSshConnection('192.168.1.23 50522 192.168.1.10 22')).toBe('192.168.1.23')
    expect(clientFromSshConnection('fd00::23 50522 fd00::10 22')).toBe('fd00::23')
    expect(clientFromSshConnection('')).toBeNull()
  })

  it('a bridged container: the bridge gateway from docker inspect; host networking: loopback', () => {
    const bridged = JSON.stringify([{ HostConfig: { NetworkMode: 'bridge' }, NetworkSettings: { Networks: { bridge: { Gateway: '172.17.0.1', IPv6Gateway: '' } } } }])
    expect(gatewaysFromInspect(bridged)).toEqual({ addresses: ['172.17.0.1'], how: 'docker-gateway' })
    expect(gatewaysFromInspect(JSON.stringify([{ HostConfig: { NetworkMode: 'host' }, NetworkSettings: { Networks: { host: { Gateway: '' } } } }]))).toEqual({ addresses: ['127.0.0.1', '::1'], how: 'loopback' })
    expect(gatewaysFromInspect('not json')).toBeNull()
    expect(gatewaysFromInspect('[]')).toBeNull()
  })
})

describe('a container on this computer', () => {
  it('bridged: the gateway docker inspect names is the address the server sees (Docker CLI reference, docker inspect)', async () => {
    const inspect = JSON.stringify([{ Id: 'abc', HostConfig: { NetworkMode: 'bridge' }, NetworkSettings: { Networks: { bridge: { Gateway: '172.17.0.1', IPv6Gateway: 'fd00:dead::1' } } } }])
    const calls: string[][] = []
    const docker = Object.assign(Object.create(local) as Host, {
      exec: async (program: string, args: readonly string[]): Promise<ExecResult> => (calls.push([program, ...args]), { exitCode: 0, stdout: inspect, stderr: '', notFound: false, timedOut: false })
    })
    const store = prefs(signedIn('TOKENx', 'allowedNetworks="172.16.0.0/12"'))
    const d = await diagnose({ host: docker, store: new XmlFileStore(docker, store.target.path, dir), control: { kind: 'docker', container: 'plex' }, plexTv: { baseUrl: plexTv.url, clientIdentifier: 'x' } })
    expect(calls).toEqual([['docker', 'inspect', '--type', 'container', 'plex']])
    expect(d.localAccess).toEqual({ allowedNetworks: ['172.16.0.0/12'], seenAs: { addresses: ['172.17.0.1', 'fd00:dead::1'], how: 'docker-gateway' }, inside: true })
  })
})
