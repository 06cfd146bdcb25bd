import { BlockList, isIP } from 'node:net'

/**
 * The server's allowedNetworks setting ("List of IP addresses and networks that are allowed
 * without auth", Plex support article 200890058): comma-separated single addresses and
 * address/netmask entries, the netmask as a prefix length (192.168.1.0/24) or, for IPv4, a dotted
 * mask (192.168.1.0/255.255.255.0). Read only: this tool shows it and never changes it.
 */
export interface AllowedNetworks {
  /** The entries understood, as written (trimmed). */
  readonly entries: readonly string[]
  /** Entries that are not an address or address/netmask: PMS ignores them too. */
  readonly invalid: readonly string[]
  readonly list: BlockList
}

/** A dotted IPv4 mask as a prefix length; null when its ones are not contiguous. */
function dottedMaskPrefix(mask: string): number | null {
  if (isIP(mask) !== 4) return null
  const bits = mask.split('.').map((o) => Number(o).toString(2).padStart(8, '0')).join('')
  return /^1*0*$/.test(bits) ? bits.indexOf('0') === -1 ? 32 : bits.indexOf('0') : null
}

function prefixOf(mask: string, family: 4 | 6): number | null {
  if (/^\d{1,3}$/.test(mask)) {
    const n = Number(mask)
    return n <= (family === 4 ? 32 : 128) ? n : null
  }
  return family === 4 ? dottedMaskPrefix(mask) : null
}

/** An IPv4 address written as IPv6 (::ffff:192.168.1.5, as a dual-stack socket reports it) is IPv4. */
export function normaliseAddress(address: string): { address: string; family: 4 | 6 } | null {
  const bare = address.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare)
  const plain = mapped ? mapped[1]! : bare
  const family = isIP(plain)
  return family === 4 || family === 6 ? { address: plain, family } : null
}

export function parseAllowedNetworks(value: string | undefined): AllowedNetworks {
  const list = new BlockList()
  const entries: string[] = []
  const invalid: string[] = []
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim()
    if (!entry) continue
    const [address, mask, extra] = entry.split('/')
    const at = normaliseAddress(address ?? '')
    const type = at?.family === 6 ? 'ipv6' : 'ipv4'
    if (!at || extra !== undefined) {
      invalid.push(entry)
    } else if (mask === undefined) {
      list.addAddress(at.address, type)
      entries.push(entry)
    } else {
      const prefix = prefixOf(mask.trim(), at.family)
      if (prefix === null) invalid.push(entry)
      else {
        list.addSubnet(at.address, prefix, type)
        entries.push(entry)
      }
    }
  }
  return { entries, invalid, list }
}

/** Whether PMS would let a request from this address in without signing in. */
export function allowsAddress(networks: AllowedNetworks, address: string): boolean {
  const at = normaliseAddress(address)
  return at ? networks.list.check(at.address, at.family === 6 ? 'ipv6' : 'ipv4') : false
}
