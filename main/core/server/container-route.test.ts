import { describe, expect, it } from 'vitest'
import { parseInspect, routeOf } from './container-route'

// Shaped as `docker inspect` prints them (Docker Engine API ContainerInspect: HostConfig.NetworkMode,
// NetworkSettings.Ports with HostIp/HostPort bindings or null, NetworkSettings.Networks per network).
const inspect = (mode: string, ports: Record<string, Array<{ HostIp: string; HostPort: string }> | null>, networks: Record<string, { IPAddress: string }>) =>
  JSON.stringify([
    {
      Id: 'c0ffee0000000000000000000000000000000000000000000000000000000000',
      Name: '/plex',
      Config: { Image: 'plexinc/pms-docker:latest', Env: ['TZ=Europe/Berlin'] },
      HostConfig: { NetworkMode: mode, PortBindings: {}, RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 } },
      NetworkSettings: {
        Bridge: '',
        Ports: ports,
        Networks: Object.fromEntries(Object.entries(networks).map(([name, n]) => [name, { IPAMConfig: null, Links: null, Aliases: null, NetworkID: 'f1e2d3', EndpointID: 'a1b2c3', Gateway: '', IPAddress: n.IPAddress, IPPrefixLen: 24, MacAddress: '02:42:ac:11:00:02' }]))
      }
    }
  ])
const drivers: Record<string, string> = { bridge: 'bridge', plexnet: 'bridge', br0: 'macvlan', lan: 'ipvlan', none: 'null' }
const route = (json: string, port = 32400) => routeOf('plex', parseInspect(json)!, port, async (n) => drivers[n] ?? null)

describe('how the host reaches a container without curl', () => {
  it('a published port, on every address (IPv4 and IPv6 bindings): the host\'s loopback at the host port', async () => {
    const json = inspect('bridge', { '32400/tcp': [{ HostIp: '0.0.0.0', HostPort: '32400' }, { HostIp: '::', HostPort: '32400' }], '1900/udp': null }, { bridge: { IPAddress: '172.17.0.2' } })
    expect(await route(json)).toEqual({ kind: 'address', address: '127.0.0.1', port: 32400, how: 'its published port 32400' })
  })

  it('a remapped port bound to one address: that address and port', async () => {
    const json = inspect('plexnet', { '32400/tcp': [{ HostIp: '192.168.1.20', HostPort: '32401' }] }, { plexnet: { IPAddress: '172.18.0.5' } })
    expect(await route(json)).toMatchObject({ address: '192.168.1.20', port: 32401 })
  })

  it('no published port on the default bridge or a user-defined bridge: the container\'s address', async () => {
    expect(await route(inspect('bridge', { '32400/tcp': null }, { bridge: { IPAddress: '172.17.0.2' } }))).toMatchObject({ address: '172.17.0.2', port: 32400 })
    expect(await route(inspect('plexnet', {}, { plexnet: { IPAddress: '172.18.0.5' } }))).toMatchObject({ address: '172.18.0.5', how: 'its address on the bridge network plexnet' })
  })

  it('the host network: the host\'s loopback', async () => {
    expect(await route(inspect('host', {}, { host: { IPAddress: '' } }))).toMatchObject({ address: '127.0.0.1', port: 32400 })
  })

  it.each([
    ['macvlan (unRAID br0)', 'br0', 'br0 (macvlan)', '192.168.1.50'],
    ['ipvlan', 'lan', 'lan (ipvlan)', '192.168.1.51'],
    ['none', 'none', 'none', '']
  ])('%s: never its address; the reason says what to check', async (_, network, named, ip) => {
    const r = await route(inspect(network, {}, { [network]: { IPAddress: ip } }))
    expect(r).toEqual({ kind: 'none', reason: expect.stringContaining(`cannot be reached from here: it has no curl to be asked from inside, publishes no port for 32400, and is on no bridge network (network: ${named}). Check: publish the port`) })
  })

  it('anything but docker inspect\'s array of containers is not read', () => {
    expect(parseInspect('[]')).toBeNull()
    expect(parseInspect('Error: No such object: plex')).toBeNull()
    expect(parseInspect('[{"NetworkSettings":{"Ports":{"32400/tcp":[{"HostPort":32400}]}}}]')).toBeNull()
  })
})
