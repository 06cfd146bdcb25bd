import { describe, expect, it } from 'vitest'
import { allowsAddress, normaliseAddress, parseAllowedNetworks } from './allowed-networks'

// The setting's forms follow Plex support article 200890058 (Network settings, "List of IP addresses
// and networks that are allowed without auth").
describe('allowedNetworks', () => {
  it('IPv4 with a prefix length: inside and outside', () => {
    const n = parseAllowedNetworks('192.168.1.0/24')
    expect(allowsAddress(n, '192.168.1.77')).toBe(true)
    expect(allowsAddress(n, '192.168.2.1')).toBe(false)
  })

  it('IPv4 with a dotted netmask: inside and outside', () => {
    const n = parseAllowedNetworks('10.20.0.0/255.255.0.0')
    expect(allowsAddress(n, '10.20.200.3')).toBe(true)
    expect(allowsAddress(n, '10.21.0.1')).toBe(false)
  })

  it('IPv6 with a prefix length: inside and outside', () => {
    const n = parseAllowedNetworks('fd00:1:2::/48')
    expect(allowsAddress(n, 'fd00:1:2:3::9')).toBe(true)
    expect(allowsAddress(n, '[fd00:1:2::1]')).toBe(true)
    expect(allowsAddress(n, 'fd00:1:3::1')).toBe(false)
  })

  it('single addresses, IPv4 and IPv6, in one comma-separated list with spaces', () => {
    const n = parseAllowedNetworks(' 127.0.0.1 , ::1,192.168.1.0/255.255.255.0')
    expect(n.entries).toEqual(['127.0.0.1', '::1', '192.168.1.0/255.255.255.0'])
    expect(allowsAddress(n, '127.0.0.1')).toBe(true)
    expect(allowsAddress(n, '127.0.0.2')).toBe(false)
    expect(allowsAddress(n, '::1')).toBe(true)
    expect(allowsAddress(n, '::2')).toBe(false)
  })

  it('an IPv4 address as a dual-stack socket reports it is matched as IPv4', () => {
    const n = parseAllowedNetworks('172.17.0.0/16')
    expect(allowsAddress(n, '::ffff:172.17.0.1')).toBe(true)
    expect(normaliseAddress('::FFFF:10.0.0.1')).toEqual({ address: '10.0.0.1', family: 4 })
  })

  it('a network address with host bits set still means its network', () => {
    expect(allowsAddress(parseAllowedNetworks('192.168.1.5/24'), '192.168.1.200')).toBe(true)
  })

  it('entries that are not addresses or have a non-contiguous or too long mask are set aside, not guessed', () => {
    const n = parseAllowedNetworks('lan,192.168.1.0/255.0.255.0,10.0.0.0/33,fd00::/129,1.2.3.4/8/9,fd00::/ffff::,,')
    expect(n.entries).toEqual([])
    expect(n.invalid).toEqual(['lan', '192.168.1.0/255.0.255.0', '10.0.0.0/33', 'fd00::/129', '1.2.3.4/8/9', 'fd00::/ffff::'])
    expect(allowsAddress(n, '192.168.1.1')).toBe(false)
  })

  it('an empty or missing setting allows nobody', () => {
    expect(allowsAddress(parseAllowedNetworks(''), '127.0.0.1')).toBe(false)
    expect(allowsAddress(parseAllowedNetworks(undefined), '127.0.0.1')).toBe(false)
    expect(allowsAddress(parseAllowedNetworks('0.0.0.0/0'), 'not an address')).toBe(false)
  })

  it('0.0.0.0/0 and a /32 mask in dotted form', () => {
    expect(allowsAddress(parseAllowedNetworks('0.0.0.0/0'), '8.8.8.8')).toBe(true)
    const n = parseAllowedNetworks('192.168.1.9/255.255.255.255')
    expect(allowsAddress(n, '192.168.1.9')).toBe(true)
    expect(allowsAddress(n, '192.168.1.10')).toBe(false)
  })
})
