import type { PlexAccountView } from '../../../preload/contract'

/** An account as shown: its username, else its masked e-mail. */
export const accountName = (a: PlexAccountView | null | undefined): string => a?.username ?? a?.maskedEmail ?? '?'
