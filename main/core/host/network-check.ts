import { CoreError } from '../result'

/**
 * The clock of the server's machine and whether it reaches plex.tv: what a claim from that machine
 * depends on (a wrong clock breaks plex.tv's sign-in, support article 203841316). This computer
 * asks with fetch; a server over SSH asks with its own curl, else wget (a NAS may have only
 * wget), inside the batched facts query.
 */
export type PlexTvReach =
  | { readonly state: 'reached'; readonly dateMs: number | null }
  | { readonly state: 'unreachable'; readonly detail: string }
  | { readonly state: 'cannot-check'; readonly detail: string }

export interface NetworkCheck {
  /** The machine's clock when it was asked (ms since 1970); null when it could not be read. */
  readonly clockMs: number | null
  /** undefined when no plex.tv address was given. */
  readonly plexTv?: PlexTvReach
}

/** How long the preflight waits for plex.tv (here and, with curl or wget, on a server over SSH). */
export const PLEX_TV_PROBE_MS = 2000

/** This computer: a HEAD to plex.tv, its Date header, then the local clock. */
export async function localNetworkCheck(url: string | undefined, timeoutMs = PLEX_TV_PROBE_MS): Promise<NetworkCheck> {
  if (!url) return { clockMs: Date.now() }
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) })
    const date = res.headers.get('date')
    const parsed = date ? Date.parse(date) : NaN
    return { clockMs: Date.now(), plexTv: { state: 'reached', dateMs: Number.isFinite(parsed) ? parsed : null } }
  } catch (error) { // unreachable is an answer the preflight words
    return { clockMs: Date.now(), plexTv: { state: 'unreachable', detail: (error as Error).message } }
  }
}

/** Only an http(s) address (or none: '') is passed to a remote curl or wget: never read as an option. */
export function probeableUrl<T extends string | undefined>(url: T): T {
  if (url && !/^https?:\/\/\S+$/.test(url)) throw new CoreError('INVALID_INPUT', `${url} is not an http(s) address.`)
  return url
}

/**
 * What `curl -sSI` (headers on stdout, errors on stderr) or `wget -S --spider` (the server's
 * headers on stderr, indented) printed, both streams together. Any HTTP status line means plex.tv
 * answered, whatever the status (GNU wget exits 8 on a 4xx, curl exits 0); the last Date header
 * is plex.tv's time. "none": neither tool is on the server.
 */
export function parseProbe(tool: string, code: number, output: string): PlexTvReach {
  if (tool === 'none') return { state: 'cannot-check', detail: 'it has neither curl nor wget' }
  if (/^\s*HTTP\/[\d.]+ \d{3}/m.test(output)) {
    const dates = [...output.matchAll(/^\s*date:\s*(.+?)\s*$/gim)]
    const parsed = dates.length ? Date.parse(dates[dates.length - 1]![1]!) : NaN
    return { state: 'reached', dateMs: Number.isFinite(parsed) ? parsed : null }
  }
  const first = output.split('\n').map((l) => l.trim()).find(Boolean) ?? ''
  return { state: 'unreachable', detail: `${tool} exit ${code}${first ? `: ${first.slice(0, 200)}` : ''}` }
}

/** POSIX `date -u +%Y-%m-%dT%H:%M:%SZ`. */
export function parseRemoteClock(code: number, text: string): number | null {
  const t = text.trim()
  if (code !== 0 || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(t)) return null
  const ms = Date.parse(t)
  return Number.isFinite(ms) ? ms : null
}
