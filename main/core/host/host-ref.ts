import { z } from 'zod'

/**
 * Which machine a thing belongs to: this computer, or a server over SSH named by its normalised
 * host name and port. The user and key fingerprint are recorded beside it and checked on
 * reconnection; they are not part of the identity, so a reinstalled NAS (new key, confirmed by the
 * user) can still restore its own backups.
 */
export type HostRef =
  | { readonly kind: 'local' }
  | { readonly kind: 'ssh'; readonly host: string; readonly port: number; readonly user: string; readonly fingerprint: string }

export const LOCAL_HOST: HostRef = Object.freeze({ kind: 'local' })

export const hostRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }).strict(),
  z
    .object({
      kind: z.literal('ssh'),
      host: z.string().min(1).max(255).regex(/^[a-z0-9.:-]+$/),
      port: z.number().int().min(1).max(65535),
      user: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/),
      fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/)
    })
    .strict()
])

/** Host names compare case-insensitively; IPv6 literals without brackets. */
export const normaliseHostName = (host: string): string => host.trim().replace(/^\[|\]$/g, '').toLowerCase()

/** The identity part: what ids, locks and "same server?" decisions use. */
export const hostKey = (ref: HostRef): string => (ref.kind === 'local' ? 'local' : `ssh:${normaliseHostName(ref.host)}:${ref.port}`)

export const sameHost = (a: HostRef, b: HostRef): boolean => hostKey(a) === hostKey(b)

/** How a host is named to the user: "this computer", or user@host[:port]. */
export const describeHost = (ref: HostRef): string =>
  ref.kind === 'local' ? 'this computer' : `${ref.user}@${ref.host.includes(':') ? `[${ref.host}]` : ref.host}${ref.port === 22 ? '' : `:${ref.port}`}`

/** The --host value that reaches it again, for messages such as the cut-off notice. */
export const hostFlag = (ref: HostRef): string | null => (ref.kind === 'local' ? null : describeHost(ref))
