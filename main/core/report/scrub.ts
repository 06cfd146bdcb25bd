/**
 * The support report's last line of defence: whatever its sources hold, no token, password, claim
 * code or e-mail address (unless the user chose to include e-mails) leaves in it. Known secret
 * values (read from the settings and backups being reported) are removed exactly; the rest by
 * shape: a value after a token or password key, claim codes, e-mail addresses (masked ones too),
 * and token-like words (20 or more letters, digits and underscores mixing upper case, lower case
 * and digits, the shape of Plex's tokens).
 */
export interface ScrubOptions {
  /** Exact values to remove wherever they appear (tokens and e-mails read from the sources). */
  readonly secrets: readonly string[]
  readonly includeEmail: boolean
}

const KEYED = /((?:PlexOnlineToken|X-Plex-Token|authToken|authentication-token|access_?token|token|password|passwd|passphrase|secret)(?:\s*[=:]\s*|>)["']?)([^\s"'<&,;]+)/gi
const CLAIM = /(?<![A-Za-z0-9])claim-[A-Za-z0-9_-]{6,}/g
const EMAIL = /[A-Za-z0-9._%+*-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g
// Without '-', so that names such as plex-reclaim-test-VPXB7c are words, not one token.
const TOKEN_LIKE = /(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]*[a-z])(?=[A-Za-z0-9_]*[A-Z])(?=[A-Za-z0-9_]*\d)[A-Za-z0-9_]{20,}(?![A-Za-z0-9_])/g

export const REMOVED = { secret: '[removed]', claim: '[claim code removed]', email: '[e-mail removed]', token: '[token removed]' } as const

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export function scrub(text: string, options: ScrubOptions): string {
  let out = text
  // Longest first, so a value containing another is removed whole.
  for (const secret of [...new Set(options.secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)) {
    const isEmail = secret.includes('@')
    if (isEmail && options.includeEmail) continue
    out = out.replace(new RegExp(escape(secret), 'gi'), isEmail ? REMOVED.email : REMOVED.secret)
  }
  out = out.replace(KEYED, (_, key: string, value: string) => (value.startsWith('[') ? `${key}${value}` : `${key}${REMOVED.secret}`))
  out = out.replace(CLAIM, REMOVED.claim)
  if (!options.includeEmail) out = out.replace(EMAIL, REMOVED.email)
  return out.replace(TOKEN_LIKE, REMOVED.token)
}
