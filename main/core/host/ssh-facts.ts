import { parseProbe, parseRemoteClock, type NetworkCheck } from './network-check'
import type { FileInfo, FileType } from './types'

/**
 * File facts for many paths in one command: lstat, stat through a link, the real path, a folder's
 * names and a small file's bytes, plus (on request) the system's name and Docker's containers.
 * One constant POSIX sh script; the paths are its arguments, never part of it. Docker gets 10 s
 * (as when asked on its own), where `timeout` exists. With the flag n, the first argument after
 * the flags is plex.tv's address (or empty): curl, else wget, asks it (2 s), then the clock is
 * read with POSIX `date -u` (issue 15 item 11: the server's clock and network). With the flag p,
 * the next argument names programs (letters, digits, ._+-) whose place on the PATH is asked
 * (`command -v`), so a preflight's question about them needs no exchange of its own. GNU stat takes
 * -c and BSD stat (FreeBSD, TrueNAS CORE, macOS) -f: the script finds out which it has.
 *
 * Output records: "KIND RC PATHLEN DATALEN\n" then the path and the data bytes, then "\n". File
 * bytes (DATALEN -1) follow the path as od hex lines ending with a line ".".
 */
export const FACTS_SCRIPT = `
LC_ALL=C; export LC_ALL
cap=$1; kids=$2; flags=$3; shift 3
case $flags in *n*) url=$1; shift;; esac
progs=; case $flags in *p*) progs=$1; shift;; esac
t=; if command -v timeout >/dev/null 2>&1; then t='timeout 10'; fi
if stat -c %s / >/dev/null 2>&1; then d=g; else d=b; fi
st() { if [ $d = g ]; then stat $1 -c '%f %s %u %g %Y' -- "$2"; else stat $1 -f '%p %z %u %g %m' -- "$2"; fi; }
rec() { printf '%s %s %s %s\\n%s%s\\n' "$1" "$2" "\${#3}" "\${#4}" "$3" "$4"; }
fact() {
  out=$(st '' "$1" 2>&1); rc=$?
  rec l $rc "$1" "$d $out"
  [ $rc = 0 ] || return 0
  if [ -w "$1" ]; then rec w 0 "$1" ''; else rec w 1 "$1" ''; fi
  if [ -L "$1" ]; then out=$(st -L "$1" 2>&1); rec s $? "$1" "$d $out"; fi
  if [ "$2" = 1 ]; then rp=$( { readlink -f -- "$1" || realpath -- "$1"; } 2>&1; r=$?; echo .; exit $r); rec r $? "$1" "\${rp%.}"; fi
  if [ -d "$1" ]; then
    if [ -r "$1" ] && [ -x "$1" ]; then
      names=''; n=0
      for f in "\${1%/}"/* "\${1%/}"/.[!.]* "\${1%/}"/..?*; do
        [ -e "$f" ] || [ -L "$f" ] || continue
        names="$names/\${f##*/}"; n=$((n+1))
      done
      rec n 0 "$1" "$names"
      if [ "$2" = 1 ] && [ "$n" -le "$kids" ]; then
        for f in "\${1%/}"/* "\${1%/}"/.[!.]* "\${1%/}"/..?*; do
          [ -e "$f" ] || [ -L "$f" ] || continue
          fact "$f" 0 4096
        done
      fi
    else rec n 13 "$1" 'Permission denied'; fi
  elif [ -f "$1" ]; then
    rest=\${out#* }; size=\${rest%% *}
    if [ "$size" -le "\${3:-$cap}" ]; then
      if [ -r "$1" ]; then
        printf 'c 0 %s -1\\n%s' "\${#1}" "$1"; head -c "\${3:-$cap}" -- "$1" | od -An -v -tx1; echo .
      else rec c 13 "$1" 'Permission denied'; fi
    fi
  fi
}
case $flags in *u*) out=$(uname -s 2>&1); rec U $? '' "$out";; esac
for prog in $progs; do out=$(command -v -- "$prog" 2>/dev/null); rec P $? '' "$prog/$out"; done
case $flags in *n*)
  if [ -z "$url" ]; then :
  elif command -v curl >/dev/null 2>&1; then out=$($t curl -sSI -m 2 "$url" 2>&1); rec H $? '' "curl $out"
  elif command -v wget >/dev/null 2>&1; then out=$(\${t:+timeout 2} wget -S --spider -T 2 -t 1 "$url" 2>&1); rec H $? '' "wget $out"
  else rec H 127 '' none; fi
  out=$(date -u +%Y-%m-%dT%H:%M:%SZ 2>&1); rec T $? '' "$out";;
esac
case $flags in *d*)
  ps=$($t docker ps -aq --no-trunc 2>&1); rc=$?; rec D $rc '' "$ps"
  if [ $rc = 0 ] && [ -n "$ps" ]; then out=$($t docker inspect $ps 2>&1); rec I $? '' "$out"; fi;;
esac
for p; do fact "$p" 1; done
`

export interface PathFacts {
  /** undefined: not asked; null: not there; an errno error: the reason it could not be seen. */
  lstat?: FileInfo | null | NodeJS.ErrnoException
  stat?: FileInfo | null | NodeJS.ErrnoException
  realpath?: string | NodeJS.ErrnoException
  names?: string[] | NodeJS.ErrnoException
  content?: Buffer | NodeJS.ErrnoException
  writable?: boolean
}

export interface Facts {
  readonly paths: Map<string, PathFacts>
  readonly system?: string
  readonly docker?: { readonly ps: ProcessOutput; readonly inspect?: ProcessOutput }
  readonly network?: NetworkCheck
  /** With the flag p: where each program asked for is on the PATH (null: it is not). */
  readonly programs?: ReadonlyMap<string, string | null>
}

export interface ProcessOutput {
  readonly code: number
  readonly stdout: string
}

const errno = (code: string, message: string): NodeJS.ErrnoException => Object.assign(new Error(message), { code })

/** The errno a POSIX tool's message stands for, so the core explains it as it does locally. */
export function toErrno(stderr: string, path: string): NodeJS.ErrnoException {
  if (/No such file|not found|Not a directory/i.test(stderr)) return errno('ENOENT', path)
  if (/Permission denied|Operation not permitted/i.test(stderr)) return errno('EACCES', path)
  if (/Is a directory/i.test(stderr)) return errno('EISDIR', path)
  if (/File exists/i.test(stderr)) return errno('EEXIST', path)
  if (/No space left/i.test(stderr)) return errno('ENOSPC', path)
  if (/Read-only file system/i.test(stderr)) return errno('EROFS', path)
  if (/Too many levels of symbolic links/i.test(stderr)) return errno('ELOOP', path)
  return errno('EIO', `${path}: ${stderr.trim()}`)
}

const TYPE_MASK = 0o170000
const TYPES: Record<number, FileType> = { 0o100000: 'file', 0o040000: 'directory', 0o120000: 'symlink', 0o010000: 'fifo', 0o140000: 'socket', 0o020000: 'character-device', 0o060000: 'block-device' }

/** "g HEXMODE SIZE UID GID MTIME" (GNU) or "b OCTALMODE SIZE UID GID MTIME" (BSD). */
export function parseStatLine(line: string, path: string): FileInfo {
  const [dialect, mode, size, uid, gid, mtime] = line.trim().split(/\s+/)
  const raw = parseInt(mode ?? '', dialect === 'g' ? 16 : 8)
  if (!Number.isFinite(raw) || ![size, uid, gid, mtime].every((v) => v !== undefined && /^\d+$/.test(v))) throw errno('EIO', `${path}: unexpected stat output`)
  const type = raw & TYPE_MASK
  return { type: TYPES[type], isFile: type === 0o100000, isDirectory: type === 0o040000, isSymbolicLink: type === 0o120000, size: Number(size), mode: raw & 0o7777, uid: Number(uid), gid: Number(gid), mtimeMs: Number(mtime) * 1000 }
}

const statOrMissing = (rc: number, text: string, path: string): FileInfo | null | NodeJS.ErrnoException => {
  if (rc === 0) return parseStatLine(text, path)
  const reason = text.replace(/^[gb] /, '')
  const e = toErrno(reason, path)
  return e.code === 'ENOENT' ? null : e
}

export function parseFacts(out: Buffer): Facts {
  const paths = new Map<string, PathFacts>()
  let system: string | undefined
  let ps: ProcessOutput | undefined
  let inspect: ProcessOutput | undefined
  let probe: NetworkCheck['plexTv']
  let clockMs: number | null | undefined
  const programs = new Map<string, string | null>()
  let at = 0
  const line = (): string => {
    const end = out.indexOf(0x0a, at)
    if (end < 0) throw errno('EIO', 'the file facts ended early')
    const text = out.subarray(at, end).toString('latin1')
    at = end + 1
    return text
  }
  while (at < out.length) {
    const [kind, rcText, pathLen, dataLen] = line().split(' ')
    const rc = Number(rcText)
    const path = out.subarray(at, at + Number(pathLen)).toString('utf8')
    at += Number(pathLen)
    const facts = paths.get(path) ?? {}
    if (path) paths.set(path, facts)
    if (dataLen === '-1') {
      const hex: string[] = []
      for (let l = line(); l !== '.'; l = line()) hex.push(l.replace(/\s+/g, ''))
      facts.content = Buffer.from(hex.join(''), 'hex')
      continue
    }
    const data = out.subarray(at, at + Number(dataLen))
    at += Number(dataLen) + 1
    const text = data.toString('utf8')
    if (kind === 'l') facts.lstat = statOrMissing(rc, text, path)
    else if (kind === 's') facts.stat = statOrMissing(rc, text, path)
    // Exactly the path the server printed: only readlink's own newline goes (a name may end in a space or newline).
    else if (kind === 'r') facts.realpath = rc === 0 ? text.replace(/\n$/, '') : toErrno(text, path)
    else if (kind === 'n') facts.names = rc === 0 ? text.split('/').filter(Boolean) : toErrno(text, path)
    else if (kind === 'c') facts.content = toErrno(text, path)
    else if (kind === 'w') facts.writable = rc === 0
    else if (kind === 'U') system = text.trim()
    else if (kind === 'D') ps = { code: rc, stdout: text }
    else if (kind === 'I') inspect = { code: rc, stdout: text }
    else if (kind === 'H') probe = parseProbe(text.split(' ', 1)[0]!, rc, text.slice(text.indexOf(' ') + 1))
    else if (kind === 'T') clockMs = parseRemoteClock(rc, text)
    // "name/where": a program's name has no slash; command -v's answer is one line.
    else if (kind === 'P' && text.includes('/')) {
      const cut = text.indexOf('/')
      programs.set(text.slice(0, cut), rc === 0 ? text.slice(cut + 1).replace(/\n$/, '') || null : null)
    }
  }
  // A file that is not a link: stat is lstat.
  for (const f of paths.values()) if (f.stat === undefined && f.lstat !== undefined && !(f.lstat instanceof Error) && !f.lstat?.isSymbolicLink) f.stat = f.lstat
  const network = clockMs !== undefined ? { network: { clockMs, ...(probe ? { plexTv: probe } : {}) } } : {}
  return { paths, ...(programs.size > 0 ? { programs } : {}), ...(system !== undefined ? { system } : {}), ...(ps ? { docker: { ps, ...(inspect ? { inspect } : {}) } } : {}), ...network }
}
