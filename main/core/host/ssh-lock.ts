import { CoreError } from '../result'

/**
 * One run per settings file on a server reached over SSH, whoever runs it and from wherever: a lock
 * on the server itself, taken inside the first script a run sends (no round trip of its own) and
 * let go with the next one. The holder is the SSH connection: the sshd process of the session that
 * ran the script, by pid and start time, so a connection that drops lets go of its lock by itself.
 * A session can outlive its client (a process it started keeps it open), so closing a connection
 * with a lock let go but not yet said sends it first: one exchange, after the run has ended.
 *
 * The fragment takes three positional parameters and shifts them away before the script it is
 * put in front of: the settings location (a path is resolved on the server; another location is
 * hashed as it is), the run id to take the lock for, and the run id to let go of ("-" for none).
 * Lock files live in /run/lock (sticky, writable by all), else /tmp: one file per holder
 * ("set -C": O_EXCL, never through a link), named by a checksum of the real location; after its
 * own is created, any other live holder of the same name makes it withdraw (exit 75). Only
 * regular files that are not links are read, only as one line of "pid start run-id"; anything
 * else is no holder. A dead holder's file is removed when it belongs to this user.
 */
export const LOCK_BUSY_EXIT = 75

export const SSH_LOCK_FRAGMENT = `pr_loc=$1 pr_take=$2 pr_drop=$3
shift 3
pr_dir=/run/lock
{ [ -d "$pr_dir" ] && [ ! -h "$pr_dir" ] && [ -w "$pr_dir" ]; } || pr_dir=/tmp
pr_stat() { [ -r "/proc/$1/stat" ] && sed -e 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f"$2"; }
pr_start() { if [ -r "/proc/$1/stat" ]; then pr_stat "$1" 20; else ps -o lstart= -p "$1" 2>/dev/null | tr -s ' ' '_'; fi; }
pr_parent() { if [ -r "/proc/$1/stat" ]; then pr_stat "$1" 2; else ps -o ppid= -p "$1" 2>/dev/null | tr -d ' '; fi; }
pr_name() { if [ -r "/proc/$1/comm" ]; then cat "/proc/$1/comm" 2>/dev/null; else ps -o comm= -p "$1" 2>/dev/null; fi; }
pr_s=$$
while [ "\${pr_s:-0}" -gt 1 ]; do
  case $(pr_name "$pr_s") in *sshd*) break ;; esac
  pr_s=$(pr_parent "$pr_s")
done
case $pr_loc in
  /*) pr_real=$(readlink -f -- "$pr_loc" 2>/dev/null) || pr_real=
      [ -n "$pr_real" ] || pr_real=$(cd -P -- "$(dirname -- "$pr_loc")" 2>/dev/null && pwd -P)/$(basename -- "$pr_loc") ;;
  *) pr_real=$pr_loc ;;
esac
pr_key=$(printf '%s' "$pr_real" | cksum | tr ' ' '-')
if [ "$pr_drop" != - ] && [ "\${pr_s:-0}" -gt 1 ]; then rm -f -- "$pr_dir"/plex-reclaim-*."$pr_s.$pr_drop".lock; fi
if [ "$pr_take" != - ] && [ "\${pr_s:-0}" -gt 1 ]; then
  pr_mine="$pr_dir/plex-reclaim-$pr_key.$pr_s.$pr_take.lock"
  if (set -C; umask 022; printf '%s %s %s\\n' "$pr_s" "$(pr_start "$pr_s")" "$pr_take" > "$pr_mine") 2>/dev/null; then
    for pr_f in "$pr_dir"/plex-reclaim-"$pr_key".*.lock; do
      [ "$pr_f" = "$pr_mine" ] && continue
      { [ -f "$pr_f" ] && [ ! -h "$pr_f" ]; } || continue
      pr_p= pr_t= pr_r=
      read -r pr_p pr_t pr_r < "$pr_f" 2>/dev/null
      case $pr_p in '' | *[!0-9]*) continue ;; esac
      if [ -n "$pr_t" ] && [ "$(pr_start "$pr_p")" = "$pr_t" ]; then
        rm -f -- "$pr_mine"
        printf 'plex-reclaim-lock-busy %s\\n' "$pr_r" | tr -cd 'a-z0-9 \\n-' >&2
        exit ${LOCK_BUSY_EXIT}
      fi
      [ -O "$pr_f" ] && rm -f -- "$pr_f"
    done
  fi
fi
unset pr_loc pr_take pr_drop pr_dir pr_s pr_real pr_key pr_mine pr_f pr_p pr_t pr_r
`

/** What the next exchange does about the lock: take it for a run, let a run's go, or both. */
export interface LockDue {
  readonly location: string
  readonly take: string | null
  readonly drop: string | null
}

type Words = readonly string[] | { readonly script: string; readonly args?: readonly string[] }

/** A script (or a plain command) with the lock fragment in front; its own parameters follow. */
export function withLockFragment(words: Words, due: LockDue): { script: string; args: string[] } {
  const lead = [due.location, due.take ?? '-', due.drop ?? '-']
  if ('script' in words) return { script: `${SSH_LOCK_FRAGMENT}${words.script}`, args: [...lead, ...(words.args ?? [])] }
  return { script: `${SSH_LOCK_FRAGMENT}exec "$@"`, args: [...lead, ...words] }
}

/** The refusal when another connection holds the settings file on the server. */
export function lockBusy(code: number | null, stderr: string, host: string, location: string): CoreError | null {
  if (code !== LOCK_BUSY_EXIT) return null
  const runId = /plex-reclaim-lock-busy (\S+)/.exec(stderr)?.[1]
  if (runId === undefined) return null
  return new CoreError('RUN_IN_PROGRESS', `Another run${runId ? ` (${runId})` : ''} is already working on ${location} on ${host}, from another connection (another computer or user). Wait for it to finish; nothing was changed.`)
}

/** What the next exchange carries: a run's lock to take (first exchange) and one to let go (after it). */
export class LockQueue {
  private due: LockDue | null = null
  // A refusal stands for every later exchange of that run: a caller that swallows one error (a
  // stat that may fail) must not let the run go on without the lock.
  private refused: { readonly runId: string; readonly error: CoreError } | null = null

  /** Whether the next exchange has lock work to carry (a close sends it before the connection ends). */
  pending(): boolean {
    return this.due !== null
  }

  next(): LockDue | null {
    const due = this.due
    this.due = null
    return due
  }

  /** The exchange with the due lock work in front, and the check of its answer (a busy lock throws). */
  wrap<W extends Words>(plain: W, host: string): [W | { script: string; args: string[] }, <R extends { code: number | null; stderr: string }>(r: R) => R] {
    if (this.refused) throw this.refused.error
    const due = this.next()
    if (!due) return [plain, (r) => r]
    return [
      withLockFragment(plain, due),
      (r) => {
        const busy = lockBusy(r.code, r.stderr, host, due.location)
        if (busy && due.take) this.refused = { runId: due.take, error: busy }
        if (busy) throw busy
        return r
      }
    ]
  }

  take(location: string, runId: string): void {
    this.due = { location, take: runId, drop: this.due?.drop ?? null }
  }

  /** Let go with the next exchange; a closed connection lets go by itself. */
  drop(location: string, runId: string): void {
    if (this.refused?.runId === runId) {
      this.refused = null
      return // refused: it never held the lock
    }
    const due = this.due
    // A take never sent leaves nothing to let go of on the server.
    this.due = due?.take === runId ? (due.drop ? { ...due, take: null } : null) : { location, take: due?.take ?? null, drop: runId }
  }
}
