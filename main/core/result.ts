/**
 * Typed results shared by the core, the IPC handlers, the loopback bridge and the CLI.
 * Core functions throw CoreError; every boundary turns it into an Err the UI can explain.
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_CHANNEL'
  | 'NOT_FOUND'
  | 'NOT_A_FILE'
  | 'SPECIAL_FILE'
  | 'FILE_TOO_LARGE'
  | 'SYMLINK_REFUSED'
  | 'FILE_BUSY'
  | 'NOT_PERMITTED'
  | 'OWNERSHIP_NOT_KEPT'
  | 'BACKUP_FOLDER_UNSAFE'
  | 'EMPTY_FILE'
  | 'BINARY_FILE'
  | 'UNSUPPORTED_ENCODING'
  | 'DOCTYPE_REFUSED'
  | 'MALFORMED_XML'
  | 'NOT_PREFERENCES'
  | 'NOT_A_SETTINGS_FILE'
  | 'SYMLINK_OUTSIDE_DATA_DIR'
  | 'PERMISSION_DENIED'
  /** Detection: the settings exist but belong to another user; a reset on this computer asks for root once. */
  | 'NEEDS_PERMISSION'
  | 'DISK_FULL'
  | 'READ_ONLY'
  | 'SERVER_RUNNING'
  | 'STORE_CHANGED'
  | 'BACKUP_FAILED'
  | 'BACKUP_NOT_FOUND'
  | 'BACKUP_CORRUPT'
  | 'VERIFY_FAILED'
  | 'TOOL_FAILED'
  | 'TOOL_MISSING'
  | 'UNSUPPORTED_PLATFORM'
  | 'CONTROL_FAILED'
  /** macOS refused the Apple Event to quit the server (-1743) and the TERM fallback failed too. */
  | 'APPLE_EVENTS_DENIED'
  | 'MANUAL_CONTROL'
  | 'STOP_TIMEOUT'
  | 'START_TIMEOUT'
  | 'ELEVATION_CANCELLED'
  | 'ELEVATION_DENIED'
  | 'NO_POLKIT_AGENT'
  | 'ELEVATION_TIMEOUT'
  | 'ELEVATION_UNAVAILABLE'
  | 'SERVER_UNREACHABLE'
  | 'SERVER_MAINTENANCE'
  | 'STILL_CLAIMED'
  | 'CLAIM_TOKEN_INVALID'
  | 'CLAIM_TOKEN_REJECTED'
  | 'PLEX_OUTAGE'
  | 'ALREADY_CLAIMED'
  | 'CLAIM_NOT_CONFIRMED'
  | 'PIN_EXPIRED'
  | 'SIGN_IN_CANCELLED'
  | 'PLEX_TV_UNAUTHORIZED'
  | 'PLEX_TV_UNREACHABLE'
  | 'PLEX_TV_TLS'
  | 'HOST_KEY_CHANGED'
  | 'HOST_KEY_UNKNOWN'
  | 'SSH_AUTH_FAILED'
  /** The server refused the key (a password refused stays SSH_AUTH_FAILED). */
  | 'SSH_KEY_REJECTED'
  /** No key file in the SSH folder and no ssh-agent: a password is the way. */
  | 'SSH_NO_KEY'
  /** The host name does not resolve (a typo, or a .local name this network does not answer). */
  | 'SSH_HOST_NOT_FOUND'
  /** The machine answered, but nothing listens on that port. */
  | 'SSH_REFUSED'
  | 'SSH_UNREACHABLE'
  | 'SSH_CHANNEL_FAILED'
  | 'KNOWN_HOSTS_INVALID'
  | 'SUDO_MISSING'
  | 'SUDO_REFUSED'
  | 'SUDO_WRONG_PASSWORD'
  | 'RUN_IN_PROGRESS'
  | 'RUN_INTERRUPTED'
  | 'HOST_NOT_CONNECTED'
  | 'WRONG_HOST'
  | 'RESTORE_TARGET_REFUSED'
  | 'RUN_UNREADABLE'
  | 'PREFLIGHT_FAILED'
  | 'CLOCK_WRONG'
  /** The clock of a server reached over SSH (not this computer's) is wrong. */
  | 'SERVER_CLOCK_WRONG'
  /** Windows 1.32.2+ / macOS 1.29.2+: the local claim did not take; sign in on the server's own Plex Web. */
  | 'CLAIM_SERVER_SIGN_IN'
  | 'INTERNAL'

export interface Ok<T> {
  readonly ok: true
  readonly value: T
}

export interface Err {
  readonly ok: false
  readonly code: ErrorCode
  readonly message: string
  /** The exact command that does it by hand (STOP_TIMEOUT: "sudo systemctl stop plexmediaserver"). */
  readonly command?: string
}

export type Result<T> = Ok<T> | Err

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value })
export const err = (code: ErrorCode, message: string): Err => ({ ok: false, code, message })

export class CoreError extends Error {
  readonly code: ErrorCode
  /** The command the message names for doing it by hand, kept whole for the wizard to show. */
  readonly command?: string
  constructor(code: ErrorCode, message: string, options: { readonly command?: string } = {}) {
    super(message)
    this.name = 'CoreError'
    this.code = code
    if (options.command) this.command = options.command
  }
}

/** Node's errno codes mapped to what a user can act on; anything else stays INTERNAL. */
export function fromFsError(error: unknown, path: string, doing: string): CoreError {
  if (error instanceof CoreError) return error
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  // Root is refused only by the file's own flags or a security policy: sudo cannot help there.
  if (code === 'EPERM' && process.getuid?.() === 0) {
    return new CoreError(
      'NOT_PERMITTED',
      `The system refused ${doing} ${path} even to root: the file is probably marked immutable or append-only (check with lsattr, clear with chattr -i -a), or a security policy (SELinux, AppArmor) forbids it.`
    )
  }
  switch (code) {
    case 'ENOENT':
      return new CoreError('NOT_FOUND', `${path} does not exist. Check the path, or run detect to find the settings file.`)
    case 'EPERM':
    case 'EACCES':
      return new CoreError(
        'PERMISSION_DENIED',
        `Permission denied while ${doing} ${path}. Run as the user that owns it (often "plex"), or with sudo.`
      )
    case 'ENOSPC':
    case 'EDQUOT':
      return new CoreError('DISK_FULL', `The disk is full: there is no room for ${doing} ${path}. Free some space on the disk that holds it (or choose another folder), then try again.`)
    case 'EROFS':
      return new CoreError('READ_ONLY', `${path} is on a read-only file system. Remount it writable (or edit it where it is mounted writable).`)
    case 'ELOOP':
      return new CoreError('SYMLINK_REFUSED', `${path} is a symbolic link (or a loop of links) where a real file is expected, so it was not followed. Point at the real file instead.`)
    case 'EBUSY':
    case 'ETXTBSY':
      return new CoreError(
        'FILE_BUSY',
        `${path} is busy while ${doing} it: it is a mount point (for example a single file bind-mounted into a container) or in use by another program, so it cannot be replaced. Edit it where it is mounted from, or stop what uses it; nothing was changed.`
      )
    case 'EISDIR':
      return new CoreError('NOT_A_FILE', `${path} is a folder. Point at the Preferences.xml file inside it.`)
    default:
      return new CoreError('INTERNAL', `Unexpected error while ${doing} ${path} (${code ?? 'unknown'}).`)
  }
}

/** Node's errno codes that fromFsError can word for a user. */
const FS_CODES = new Set(['ENOENT', 'EPERM', 'EACCES', 'ENOSPC', 'EDQUOT', 'EROFS', 'ELOOP', 'EBUSY', 'ETXTBSY', 'EISDIR'])

/** Turns anything thrown into an Err without leaking a stack trace; a file system error keeps its words. */
export function toErr(error: unknown): Err {
  if (error instanceof CoreError) return error.command ? { ...err(error.code, error.message), command: error.command } : err(error.code, error.message)
  const e = error as (NodeJS.ErrnoException & { path?: unknown }) | undefined
  const code = e?.code
  if (code && FS_CODES.has(code)) {
    const mapped = fromFsError(error, typeof e?.path === 'string' ? e.path : 'a file', 'writing')
    return err(mapped.code, mapped.message)
  }
  // The system call (open, rename, …) and, for a file, its path: enough to act on or report.
  const at = [typeof e?.syscall === 'string' && /^[a-z_]{1,24}$/.test(e.syscall) ? e.syscall : '', typeof e?.path === 'string' ? e.path : ''].filter(Boolean).join(' ')
  return err('INTERNAL', `Something unexpected went wrong${code ? ` (${code}${at ? ` in ${at}` : ''})` : ''}. Nothing further was changed.`)
}
