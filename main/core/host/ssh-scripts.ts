import { FACTS_SCRIPT } from './ssh-facts'

export { FACTS_SCRIPT }

/** A file's bytes come with its facts up to this size (one exchange instead of two). */
export const FACTS_CONTENT_CAP = 4 * 1024 * 1024

/**
 * Replaces a file atomically: temp file beside it, group and mode applied, synced, mv. Run by
 * inFolderOwnersName (below): $1 temp, $2 target, $3 uid:gid to keep, $4 mode, $5 "-" when the
 * bytes come on stdin, else they come on file descriptor 3 (opened before any privilege was dropped).
 * A file that keeps its owner needs no chown: the writer is that owner (or root in a folder only
 * root controls). A file whose owner is not the writer is refused, never handed over by path.
 */
export const INSTALL_SCRIPT = `set -e
umask 077
trap 'rm -f -- "$1"' EXIT
if [ "$5" = - ]; then cat > "$1"; else cat <&3 > "$1"; fi
if [ -n "$3" ]; then
  if [ "$(id -u)" = 0 ]; then chown "$3" -- "$1"
  elif [ "$(id -u)" != "\${3%%:*}" ]; then echo "$2: Operation not permitted (it belongs to uid \${3%%:*}, not to the owner of its folder)" >&2; exit 1
  else chgrp "\${3#*:}" -- "$1"; fi
fi
if [ -n "$4" ]; then chmod "$4" -- "$1"; fi
sync
# Swapped meanwhile (only the folder's owner could): never move a link into the settings' place.
if [ -L "$1" ] || [ ! -f "$1" ]; then echo "$2: the temporary file was replaced while it was written; nothing was changed" >&2; exit 1; fi
mv -f -- "$1" "$2"
trap - EXIT
sync
set +e
set -- ${FACTS_CONTENT_CAP} 0 u "$2"
${FACTS_SCRIPT}`

/** A new file that must not exist yet: $1 path, $2 mode, $3 "-" (stdin) or bytes on fd 3. */
export const NEW_FILE_SCRIPT = 'set -e; set -C; umask 077; if [ "$3" = - ]; then cat > "$1"; else cat <&3 > "$1"; fi; chmod "$2" -- "$1"; sync'

const quoted = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`

/**
 * Root never acts by path inside a folder a less privileged user can change (issue 23): the
 * script runs as the owner of the top-most folder above $1 that is not root's, so that owner can
 * only attack itself. With no such folder it runs as is, unless a root-owned folder above is
 * writable by group or others without the sticky bit (refused: anyone there could swap it).
 * As a non-root user nothing changes. Arguments: $1 the folder acted in, $2 the staged file with
 * the bytes or "-", then the script's own. Staged bytes are opened as the caller (on fd 3) before
 * the switch, and the staged file is removed as the caller after. Exit 98: refused, said on stderr.
 */
export function inFolderOwnersName(script: string): string {
  return `__dir=$1; __src=$2; shift 2
__body=${quoted(script)}
if [ "$__src" != - ]; then exec 3<"$__src" || exit 1; fi
__owner=; __unsafe=; __p=$__dir
if [ "$(id -u)" = 0 ]; then
  while :; do
    if __l=$(ls -ldn -- "$__p" 2>/dev/null); then
      __u=$(printf '%s\n' "$__l" | awk '{print $3}')
      __m=$(printf '%s\n' "$__l" | cut -c1-10)
      if [ "$__u" != 0 ]; then __owner=$__u
      else case $__m in d????w????|d???????w?) case $__m in *t|*T) ;; *) __unsafe=$__p ;; esac ;; esac
      fi
    fi
    case $__p in /|.|'') break ;; esac
    __p=$(dirname -- "$__p")
  done
fi
if [ -n "$__owner" ]; then
  __name=$(getent passwd "$__owner" 2>/dev/null | cut -d: -f1)
  [ -n "$__name" ] || __name=$(awk -F: -v u="$__owner" '$3 == u { print $1; exit }' /etc/passwd 2>/dev/null)
  if [ -z "$__name" ]; then echo "$__dir: refused: its folder belongs to uid $__owner, which has no name on this server, so Plex Reclaim cannot act as that user" >&2; __st=98
  elif command -v runuser >/dev/null 2>&1; then runuser -u "$__name" -- sh -c "$__body" sh "$@"; __st=$?
  elif command -v su >/dev/null 2>&1; then su -s /bin/sh "$__name" -c "$__body" sh "$@"; __st=$?
  else echo "$__dir: refused: it belongs to $__name, and this server has neither runuser nor su to act as that user" >&2; __st=98
  fi
elif [ -n "$__unsafe" ]; then echo "$__dir: refused: $__unsafe can be changed by users other than root, so root does not act by path below it" >&2; __st=98
else sh -c "$__body" sh "$@"; __st=$?
fi
[ "$__src" = - ] || rm -f -- "$__src"
exit $__st`
}
