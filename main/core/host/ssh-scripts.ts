import { FACTS_SCRIPT } from './ssh-facts'

export { FACTS_SCRIPT }

/** A file's bytes come with its facts up to this size (one exchange instead of two). */
export const FACTS_CONTENT_CAP = 4 * 1024 * 1024

/** Replaces a file atomically: temp file beside it, owner, group and mode applied, synced, mv. */
export const INSTALL_SCRIPT = `set -e
umask 077
trap 'rm -f -- "$1"; [ "$5" = - ] || rm -f -- "$5"' EXIT
if [ "$5" = - ]; then cat > "$1"; else cat -- "$5" > "$1"; fi
if [ -n "$3" ]; then
  if [ "$(id -u)" = 0 ]; then chown "$3" -- "$1"
  elif [ "$(id -u)" != "\${3%%:*}" ]; then echo "$2: Operation not permitted (it belongs to uid \${3%%:*})" >&2; exit 1
  else chgrp "\${3#*:}" -- "$1"; fi
fi
if [ -n "$4" ]; then chmod "$4" -- "$1"; fi
sync
mv -f -- "$1" "$2"
trap - EXIT
[ "$5" = - ] || rm -f -- "$5"
sync
set +e
set -- ${FACTS_CONTENT_CAP} 0 u "$2"
${FACTS_SCRIPT}`

