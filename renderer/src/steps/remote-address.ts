/** What the "Server address" field may hold: host, user@host, host:port, [IPv6]:port. */
export type Address = { readonly ok: true; readonly user: string | null; readonly host: string; readonly port: number | null } | { readonly ok: false; readonly problem: 'empty' | 'host' | 'port' | 'user' }

const NAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*$/
const IPV6 = /^[0-9a-fA-F:]+$/
export const USER = /^[A-Za-z0-9._-]{1,64}$/

export function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null
  const n = Number(text)
  return n >= 1 && n <= 65535 ? n : null
}

/**
 * A pasted address (http://nas.local:32400/web, ssh://kate@nas.local:2222): the scheme and path go;
 * a web address's port is Plex's or the NAS page's, never SSH's, so it goes too.
 */
function unwrapUrl(text: string): string {
  const url = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(text)
  if (!url) return text.replace(/\/+$/, '')
  const scheme = url[1]!.toLowerCase()
  const authority = url[2]!
  return scheme === 'ssh' ? authority : authority.replace(/:\d*$/, '')
}

export function parseAddress(input: string): Address {
  let rest = unwrapUrl(input.trim())
  if (!rest) return { ok: false, problem: 'empty' }
  let user: string | null = null
  const at = rest.lastIndexOf('@')
  if (at >= 0) {
    user = rest.slice(0, at)
    rest = rest.slice(at + 1)
    if (!USER.test(user)) return { ok: false, problem: 'user' }
  }
  let host = rest
  let port: number | null = null
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(rest)
  if (bracketed) {
    host = bracketed[1]!
    if (!IPV6.test(host) || !host.includes(':')) return { ok: false, problem: 'host' }
  } else if ((rest.match(/:/g) ?? []).length === 1) {
    ;[host] = rest.split(':') as [string]
  } else if (rest.includes(':') && !IPV6.test(rest)) return { ok: false, problem: 'host' }
  const portText = bracketed ? bracketed[2] : !rest.startsWith('[') && (rest.match(/:/g) ?? []).length === 1 ? rest.split(':')[1] : undefined
  if (portText !== undefined) {
    port = parsePort(portText)
    if (port === null) return { ok: false, problem: 'port' }
  }
  if (!host.includes(':') && !NAME.test(host)) return { ok: false, problem: 'host' }
  return { ok: true, user, host, port }
}
