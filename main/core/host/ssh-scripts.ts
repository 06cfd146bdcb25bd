import { CoreError } from '../result'
import { FACTS_SCRIPT, toErrno } from './ssh-facts'

export { FACTS_SCRIPT }

/** A file's bytes come with its facts up to this size (one exchange instead of two). */
export const FACTS_CONTENT_CAP = 4 * 1024 * 1024

/**
 * Issue 23 item 1: root never acts by name inside a folder a less privileged user can write. Args:
 * FOLDER STAGE INNER ARGS…. It enters FOLDER once (cd -P: from then on the folder is held, not
 * named), and runs INNER there, on names relative to it:
 * - as itself when it is not root, or when root owns the folder and nobody else may write it
 *   (a sticky folder such as /tmp counts as safe: others cannot move root's entries);
 * - as the folder's owner when that is another user: sudo -u (when sudo brought us here), else
 *   runuser -u, else su -s /bin/sh; none of them: refused (NOT_PERMITTED);
 * - refused when the folder is not where it was named (a link was put in its place) and root owns
 *   what it leads to, or when root owns it but a group or everyone may write it.
 * STAGE (a file of the SSH user's, with sudo's password on the command's input) becomes INNER's
 * input. INNER gets its own arguments positionally; nothing is spliced into a command.
 * Where a per-settings-file lock fragment would go: at the top of INNER (it runs in the folder as
 * the acting user), before any change.
 */
export const AS_OWNER = `
dir=$1; stage=$2; inner=$3; shift 3
cd -P -- "$dir" || exit 2
here=$(pwd -P; echo .); here=\${here%??}
owner() { set -f; set -- $(ls -ldn .); o_perm=$1; o_uid=$3; set -- $(ls -ld .); o_name=$3; set +f; }
owner
if [ "$stage" != - ]; then exec < "$stage"; rm -f -- "$stage"; fi
if [ "$(id -u)" != 0 ]; then exec /bin/sh -c "$inner" sh "$@"; fi
if [ "$o_uid" = 0 ]; then
  if [ "$here" != "$dir" ]; then echo "NOT_PERMITTED $dir is not where it was named (it leads to $here, which root owns): nothing was changed as root there." >&2; exit 3; fi
  case $o_perm in
    *[tT]) ;;
    ?????w????|????????w?) echo "NOT_PERMITTED $dir belongs to root but others may write it, so root does not act by name there. Make it belong to the user that runs Plex Media Server." >&2; exit 3;;
  esac
  exec /bin/sh -c "$inner" sh "$@"
fi
if [ "$o_name" = "$o_uid" ] && ! id -- "$o_uid" >/dev/null 2>&1; then echo "NOT_PERMITTED $dir belongs to uid $o_uid, which has no user on this machine (a container's user?), so root cannot act there as its owner. Nothing was changed. Make the folder belong to a user of this machine, or log in as that uid." >&2; exit 3; fi
if [ -n "\${SUDO_USER:-}" ] && command -v sudo >/dev/null 2>&1; then exec sudo -n -u "#$o_uid" -- /bin/sh -c "$inner" sh "$@"; fi
for r in runuser /usr/sbin/runuser /sbin/runuser; do
  if command -v "$r" >/dev/null 2>&1; then exec "$r" -u "$o_name" -- /bin/sh -c "$inner" sh "$@"; fi
done
if command -v sudo >/dev/null 2>&1; then exec sudo -n -u "#$o_uid" -- /bin/sh -c "$inner" sh "$@"; fi
if su -s /bin/sh "$o_name" -c true </dev/null >/dev/null 2>&1; then exec su -s /bin/sh "$o_name" -c "$inner" sh "$@"; fi
echo "NOT_PERMITTED $dir belongs to $o_name; root acts there only as $o_name, and this server has none of sudo, runuser or su to do that. Nothing was changed. Log in as $o_name instead." >&2
exit 3
`

/**
 * Replaces ./$2 atomically in the current folder (run through AS_OWNER): a new temp file ./$1
 * (O_EXCL), created with the mode through the umask, its group set where the owner may, synced,
 * checked to still be a plain file, mv. $3 owner uid:gid or '', $4 octal mode or '', $5 '1' when a
 * changed owner is allowed (--force). A file that keeps its owner gets no chown; another owner
 * than the acting user is refused (OWNERSHIP_NOT_KEPT) unless allowed. The same command reads the
 * result back (facts of ./$2).
 */
export const INSTALL_INNER = `set -e
t=./$1; f=./$2; own=$3; mode=$4; force=$5; me=$(id -u)
gid_of() { set -f; set -- $(ls -ldn -- "$1"); set +f; echo "$4"; }
u=\${own%%:*}; g=\${own#*:}
if [ -n "$own" ] && [ "$me" != 0 ] && [ "$me" != "$u" ] && [ "$force" != 1 ]; then
  echo "OWNERSHIP_NOT_KEPT $2 belongs to uid $u but its folder to uid $me, who could replace it at any time; it is changed only as the folder's owner, which would give it away. Nothing was changed. Give it to the folder's owner (chown $me), or pass --force." >&2; exit 4
fi
umask 077
if [ -n "$mode" ]; then umask "$(printf '%o' $(( ~0$mode & 0777 )))"; fi
trap 'rm -f -- "$t"' EXIT
set -C; cat > "$t"; set +C
if [ -n "$own" ]; then
  if [ "$me" = 0 ]; then chown "$own" -- "$t"
  elif [ "$me" = "$u" ]; then [ "$(gid_of "$t")" = "$g" ] || chgrp "$g" -- "$t"; fi
fi
if [ -n "$mode" ] && { [ "$me" = 0 ] || [ $(( 0$mode & 07111 )) != 0 ]; }; then chmod "$mode" -- "$t"; fi
sync
if [ -L "$t" ] || [ ! -f "$t" ]; then echo "VERIFY_FAILED $f: the new file was replaced while it was being written (by the folder's owner); it was not put in place." >&2; exit 5; fi
mv -f -- "$t" "$f"
trap - EXIT
sync
set +e
set -- ${FACTS_CONTENT_CAP} 0 u "$f"
${FACTS_SCRIPT}`

/** A new file ./$1 that must not exist yet (O_EXCL), mode $2 through the umask, synced. */
export const NEW_FILE_INNER = `set -e; umask 077
if [ "$2" != 600 ]; then umask "$(printf '%o' $(( ~0$2 & 0777 )))"; fi
set -C; cat > "./$1"; set +C
if [ $(( 0$2 & 07111 )) != 0 ]; then chmod "$2" -- "./$1"; fi
sync`

/** mv of ./$2 (or an absolute $1 when it is elsewhere) to ./$3. */
export const RENAME_INNER = 'mv -f -- "$1" "./$2"'
/** rm -rf of ./$1: never a name outside the held folder. */
export const REMOVE_INNER = 'rm -rf -- "./$1"'
/** mkdir -p of the relative $1 below the held folder (the deepest one that exists), then its mode. */
export const MKDIR_INNER = 'mkdir -p -- "./$1" && chmod "$2" -- "./$1"'

/** The deepest existing folder of $1 and the rest below it, then AS_OWNER there with MKDIR_INNER. */
export const MKDIR_SCRIPT = `
p=$1; mode=$2; rest=
while [ ! -d "$p" ]; do rest=\${p##*/}\${rest:+/$rest}; p=\${p%/*}; [ -n "$p" ] || p=/; done
[ -n "$rest" ] || exit 0
set -- "$p" - '${MKDIR_INNER.replace(/'/g, `'\\''`)}' "$rest" "$mode"
${AS_OWNER}`

/** The acting user's refusals name their code first; the host turns them into typed errors. */
const TYPED_REFUSAL = /^(NOT_PERMITTED|OWNERSHIP_NOT_KEPT|VERIFY_FAILED) (.*)$/m

/** A refusal the acting user named by its code, else the errno the tool's message stands for. */
export function refusalOf(stderr: string, path: string, where: string): Error {
  const typed = TYPED_REFUSAL.exec(stderr)
  if (typed) return new CoreError(typed[1] as 'NOT_PERMITTED', `${typed[2]!.trim()} (on ${where})`)
  return toErrno(stderr, path)
}
