import { asApi, type HttpAnswer, type ServerApi } from './api'

/** What GET /identity says (plex-domain.md 3a): it answers without a token, cheaply. */
export interface Identity {
  readonly claimed: boolean
  readonly machineIdentifier: string
  readonly version: string
}

export { localRequest, type HttpAnswer } from './api'

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const decodeEntities = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e.toLowerCase()]!
  )

/** An attribute of the first `element` (MediaContainer by default), entities decoded; not the XML declaration's. */
export function xmlAttribute(body: string, name: string, element = 'MediaContainer'): string | undefined {
  const start = body.search(new RegExp(`<${element}[\\s>/]`))
  if (start < 0) return undefined
  const tag = body.slice(start, body.indexOf('>', start) + 1)
  const raw = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]
  return raw === undefined ? undefined : decodeEntities(raw)
}

/**
 * While PMS runs its startup maintenance (a database migration after an update can take minutes)
 * it answers 503 with "running startup maintenance tasks" (binhex/arch-plex claim.sh waits for
 * that text; plex-domain.md 7). The server is up then, not dead.
 */
export const MAINTENANCE_TEXT = /running startup maintenance tasks/i
export const isMaintenancePage = (answer: HttpAnswer): boolean => MAINTENANCE_TEXT.test(answer.body)

/** What the local API says: its identity, "up but in startup maintenance", or nothing. */
export type Probe = { readonly kind: 'identity'; readonly identity: Identity } | { readonly kind: 'maintenance' } | { readonly kind: 'silent' }

export async function probeServer(api: number | ServerApi, timeoutMs?: number): Promise<Probe> {
  const answer = await asApi(api).request('GET', '/identity', timeoutMs)
  if (!answer) return { kind: 'silent' }
  if (answer.status === 503 || isMaintenancePage(answer)) return { kind: 'maintenance' }
  if (answer.status !== 200) return { kind: 'silent' }
  const identity = {
    claimed: xmlAttribute(answer.body, 'claimed') === '1',
    machineIdentifier: xmlAttribute(answer.body, 'machineIdentifier') ?? '',
    version: xmlAttribute(answer.body, 'version') ?? ''
  }
  return { kind: 'identity', identity }
}

export async function readIdentity(api: number | ServerApi, timeoutMs?: number): Promise<Identity | null> {
  const probe = await probeServer(api, timeoutMs)
  return probe.kind === 'identity' ? probe.identity : null
}
