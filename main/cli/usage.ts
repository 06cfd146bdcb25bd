import { APP_VERSION } from '../app/index'

export const USAGE = `plex-reclaim ${APP_VERSION}: get a locked-out Plex Media Server back

Usage:
  plex-reclaim detect [--root DIR] [--json]
  plex-reclaim inspect --file PATH [--json]
  plex-reclaim status [--server ID] [--port N] [--json]   (asks plex.tv whether the server's token still works)
  plex-reclaim stop|start [--server ID] [--port N] [--timeout SECONDS]
  plex-reclaim reset [--server ID] --yes [--port N] [--backup-dir DIR] [--json]
  plex-reclaim reset --file PATH --no-service --yes [--backup-dir DIR] [--dry-run] [--force] [--json]
  plex-reclaim reset --server ID --no-service --yes [--backup-dir DIR] [--force] [--json]   (a server you stopped; e.g. the Windows registry)
  plex-reclaim claim --token CLAIM-TOKEN [--port N] [--json]
  plex-reclaim claim --sign-in [--yes] [--port N] [--json]   (prints a plex.tv URL to open, then waits;
                                   --yes: go on when that account differs from the one before)
  plex-reclaim backups [--backup-dir DIR] [--json]
  plex-reclaim restore ID --yes [--server ID] [--port N] [--backup-dir DIR] [--json]
  plex-reclaim restore ID --no-service --yes [--backup-dir DIR] [--json]
  plex-reclaim resume [RUN_ID] | rollback [RUN_ID] [--backup-dir DIR] [--json]

--verbose prints the run's log (steps, timings, exit codes; never a token).

Every command that finds installations takes --root DIR; every command that keeps backups takes --backup-dir DIR.
Every command takes --host user@host[:port] [--identity FILE] [--accept-host-key SHA256:…] [--password-stdin]
[--sudo] to work on a server over SSH (backups stay on this computer). Passwords are read from
standard input, one a line (the SSH password first, then sudo's), and never stored.

Exit status: 0 on success (also when there is nothing to remove), 1 when the job failed, 2 for a usage error.`
