import type { WaitAnswer, WaitQuery } from './types'

/**
 * A wait done by the server itself (issue 27 item 1): one command that looks at the pid file's
 * process and at GET /identity on the server's own 127.0.0.1 with its curl, about 5 times a
 * second, until the wanted state or the deadline, and answers once. Polling over the link cost two
 * round trips a look; this costs two for the whole wait. Without curl it exits 3 and the caller
 * polls over the link as before. Constant POSIX sh; the pid file, port and state are arguments.
 *
 * Output: "alive 0|1\n", then curl's body and a last line with the HTTP status ("000": nothing
 * answered). Only the first 64 KiB of the body are kept (an identity is a few hundred bytes).
 */
export const WAIT_SCRIPT = `
LC_ALL=C; export LC_ALL
pidf=$1 port=$2 want=$3 secs=$4
command -v curl >/dev/null 2>&1 || exit 3
case $port in ''|*[!0-9]*) exit 2;; esac
case $secs in ''|*[!0-9]*) exit 2;; esac
end=$(( $(date +%s) + secs ))
while :; do
  alive=0
  if [ -n "$pidf" ] && [ -f "$pidf" ] && [ ! -h "$pidf" ]; then
    p=$(head -c 32 -- "$pidf" 2>/dev/null | tr -cd 0-9)
    if [ -n "$p" ] && [ "$p" -gt 0 ]; then
      if kill -0 "$p" 2>/dev/null; then alive=1
      else case $(kill -0 "$p" 2>&1) in *ermitted*) alive=1;; esac; fi
    fi
  fi
  ans=$(curl -s -m 1 -H 'Accept: application/xml' -H 'X-Plex-Product: Plex Reclaim' -w '\\n%{http_code}' "http://127.0.0.1:$port/identity" 2>/dev/null | head -c 65536)
  code=\${ans##*
}
  case $code in [0-9][0-9][0-9]) ;; *) code=000;; esac
  done=0
  if [ "$want" = stop ]; then [ $alive = 0 ] && [ "$code" = 000 ] && done=1
  else [ "$code" = 200 ] && done=1; fi
  if [ $done = 1 ] || [ "$(date +%s)" -ge "$end" ]; then
    case $ans in *"
"*) body=\${ans%"
"*};; *) body=;; esac
    printf 'alive %s\\n%s\\n%s' "$alive" "$body" "$code"
    exit 0
  fi
  # Whether sleep takes a fraction is found out by the first nap (a single look never naps).
  if [ -z "\${nap:-}" ]; then nap=0.2; sleep 0.2 2>/dev/null || { nap=1; sleep 1; }; else sleep "$nap"; fi
done
`

type RunScript = (script: string, args: string[], timeoutMs: number) => Promise<{ code: number | null; stdout: Buffer }>

/**
 * Asks the server to wait (a timeout of 0: one look, answered at once); null when it cannot (no
 * curl, or an answer not in the expected form). A server without curl is not asked again.
 */
export function serverWaiter(run: RunScript): (q: WaitQuery) => Promise<WaitAnswer | null> {
  let noCurl = false
  return async (q) => {
    if (noCurl) return null
    const answer = await waitOnServer(run, q)
    if (answer === 'no-curl') noCurl = true
    return answer === 'no-curl' ? null : answer
  }
}

export async function waitOnServer(run: RunScript, q: WaitQuery): Promise<WaitAnswer | 'no-curl' | null> {
  const seconds = Math.max(0, Math.ceil(q.timeoutMs / 1000))
  const r = await run(WAIT_SCRIPT, [q.pidFile ?? '', String(q.port), q.verb, String(seconds)], seconds * 1000 + 15_000)
  if (r.code === 3) return 'no-curl'
  if (r.code !== 0) return null
  const text = r.stdout.toString('utf8')
  const head = /^alive ([01])\n/.exec(text)
  if (!head) return null
  const rest = text.slice(head[0].length)
  const cut = rest.lastIndexOf('\n')
  const status = cut < 0 ? NaN : Number(rest.slice(cut + 1))
  if (!/^\d{3}$/.test(rest.slice(cut + 1))) return null
  return { processAlive: head[1] === '1', answer: status > 0 ? { status, body: rest.slice(0, cut) } : null }
}
