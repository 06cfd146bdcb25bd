import { SaxesParser } from 'saxes'
import { z } from 'zod'
import { asApi, type HttpAnswer, type ServerApi } from './api'

/** What GET /identity says (plex-domain.md 3a): it answers without a token, cheaply. */
export interface Identity {
  readonly claimed: boolean
  readonly machineIdentifier: string
  readonly version: string
}

export { localRequest, type HttpAnswer } from './api'

/**
 * The attributes of the first `element` (MediaContainer by default), parsed by a real XML parser
 * (saxes): single or double quotes, entities decoded, never the XML declaration's. Not XML, or no
 * such element: undefined. A DOCTYPE is refused: the server never sends one.
 */
export function xmlAttributes(body: string, element = 'MediaContainer'): Readonly<Record<string, string>> | undefined {
  if (body.length > 1024 * 1024) return undefined
  const parser = new SaxesParser({ xmlns: false })
  let found: Record<string, string> | undefined
  let failed = false
  parser.on('doctype', () => void (failed = true))
  parser.on('error', () => void (failed = true))
  parser.on('opentag', (tag) => {
    if (found === undefined && tag.name === element) found = Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, String(v)]))
  })
  try {
    parser.write(body).close()
  } catch { // not XML: the caller treats it as no identity
    failed = true
  }
  return failed ? undefined : found
}

/** One attribute of the first `element`; see xmlAttributes. */
export const xmlAttribute = (body: string, name: string, element = 'MediaContainer'): string | undefined => xmlAttributes(body, element)?.[name]

/** What /identity's MediaContainer must carry (plex-domain.md 3a), checked before use. */
const identityAttributes = z.object({
  claimed: z.enum(['0', '1']),
  machineIdentifier: z.string().regex(/^[A-Za-z0-9-]{1,128}$/),
  version: z.string().max(64).default('')
})

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
  return probeOf(await asApi(api).request('GET', '/identity', timeoutMs))
}

/** What one answer to GET /identity says, wherever it was asked from (here, or the server's curl). */
export function probeOf(answer: HttpAnswer | null): Probe {
  if (!answer) return { kind: 'silent' }
  if (answer.status === 503 || isMaintenancePage(answer)) return { kind: 'maintenance' }
  if (answer.status !== 200) return { kind: 'silent' }
  // An answer that is not a server's identity (another program on the port) is no identity at all.
  const parsed = identityAttributes.safeParse(xmlAttributes(answer.body))
  if (!parsed.success) return { kind: 'silent' }
  const { claimed, machineIdentifier, version } = parsed.data
  return { kind: 'identity', identity: { claimed: claimed === '1', machineIdentifier, version } }
}

export async function readIdentity(api: number | ServerApi, timeoutMs?: number): Promise<Identity | null> {
  const probe = await probeServer(api, timeoutMs)
  return probe.kind === 'identity' ? probe.identity : null
}
