/** Who a server is signed in as, in a form that is safe to show and log: never the token. */
export interface AccountSummary {
  readonly username: string | null
  readonly maskedEmail: string | null
  readonly tokenPresent: boolean
  readonly plexHome: boolean
  readonly machineIdentifier: string | null
  readonly keysPresent: readonly string[]
}

/** k***@example.com: enough to recognise an address, not enough to harvest it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at <= 0) return email.length > 1 ? `${email[0]}***` : '***'
  return `${email[0]}***${email.slice(at)}`
}

/** An e-mail used as the username is masked too. */
export function maskUsername(username: string): string {
  return username.includes('@') ? maskEmail(username) : username
}

/** Builds the summary from a plain lookup of the store's values. */
export function summarizeAccount(get: (key: string) => string | undefined): AccountSummary {
  const username = get('PlexOnlineUsername')
  const email = get('PlexOnlineMail')
  const token = get('PlexOnlineToken')
  const keysPresent = ['PlexOnlineHome', 'PlexOnlineMail', 'PlexOnlineToken', 'PlexOnlineUsername'].filter((k) => get(k) !== undefined)
  return {
    username: username ? maskUsername(username) : null,
    maskedEmail: email ? maskEmail(email) : null,
    tokenPresent: Boolean(token),
    plexHome: get('PlexOnlineHome') === '1',
    machineIdentifier: get('MachineIdentifier') ?? null,
    keysPresent
  }
}
