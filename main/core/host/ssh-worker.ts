import type { ClientChannel } from 'ssh2'
import type { RunResult } from './ssh-channels'

/**
 * One long-lived sh on the server that runs command lines one after another: a command costs one
 * round trip instead of a channel's open, exec and close (issue 27). Only POSIX tools: each request
 * is a header "<line bytes> <input bytes>", the line, the input; dd (one byte per read, so it never
 * takes more than its share of the pipe) hands the command exactly its input and the rest of what
 * it left unread is drained. The answer is od's hex lines, "o" for standard output and "e" for
 * standard error (through a FIFO in a private folder: nothing the command prints touches a disk),
 * then "x <exit status>" (recorded afresh for each command: one whose status was never recorded
 * answers "x unknown"). Anything else ends the worker: an answer that is not in this form is never
 * read as one, and its command is lost (its outcome unknown).
 */
export const WORKER_SCRIPT = `d=$(mktemp -d "\${TMPDIR:-/tmp}/plex-reclaim-w.XXXXXX") || exit 3
trap 'rm -rf "$d"' EXIT
trap 'exit 1' HUP INT TERM PIPE
mkfifo -m 600 "$d/e" || exit 3
echo ready
while IFS=' ' read -r n m; do
  case "$n:$m" in *[!0-9:]*|:*|*:) exit 4;; esac
  line=$(dd bs=1 count="$n" 2>/dev/null; echo .)
  line=\${line%.}
  rm -f "$d/c"
  od -An -v -tx1 <"$d/e" | sed 's/^/e/' &
  dd bs=1 count="$m" 2>/dev/null | {
    { sh -c "$line" 2>"$d/e"; echo "$?" >"$d/c"; } | od -An -v -tx1 | sed 's/^/o/'
    cat >/dev/null
  }
  wait
  if [ -s "$d/c" ]; then echo "x $(cat "$d/c")"; else echo "x unknown"; fi
done
`

/** dd reads the input a byte at a time: larger inputs go on a channel of their own. */
export const WORKER_INPUT_CAP = 256 * 1024
/** Answers are held in memory until their end: a bigger one ends the worker. */
const ANSWER_CAP = 64 * 1024 * 1024

const HEX_LINE = /^([oe])((?: [0-9a-f]{2})+) *$/
const EXIT_LINE = /^x (\d{1,3})$/

interface Pending {
  readonly out: Buffer[]
  readonly err: Buffer[]
  size: number
  readonly resolve: (r: RunResult | 'lost') => void
}

export class SshWorker {
  private buffer = ''
  private state: 'starting' | 'ready' | 'dead' = 'starting'
  private pending: Pending | null = null
  private readonly ready: Promise<boolean>

  constructor(private readonly stream: ClientChannel) {
    let settle: (ok: boolean) => void = () => undefined
    this.ready = new Promise((resolve) => (settle = resolve))
    stream.setEncoding('latin1')
    stream.on('data', (chunk: string) => {
      this.buffer += chunk
      if (this.buffer.length > ANSWER_CAP * 3) return this.end()
      // One pass over the chunk's lines; the unfinished last line is kept once, not re-sliced per line.
      let start = 0
      for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n', start)) {
        const line = this.buffer.slice(start, nl)
        start = nl + 1
        if (this.state === 'starting') {
          this.state = line === 'ready' ? 'ready' : 'dead'
          settle(this.state === 'ready')
        } else if (!this.take(line)) return this.end()
      }
      this.buffer = this.buffer.slice(start)
    })
    stream.stderr.resume() // its own tools' complaints (there are none when it works) are not answers
    stream.on('close', () => {
      this.state = 'dead'
      settle(false)
      this.pending?.resolve('lost')
      this.pending = null
    })
  }

  /** Whether the worker answered its start; false once it has ended. */
  usable(): Promise<boolean> {
    return this.ready.then((ok) => ok && this.state === 'ready')
  }

  get idle(): boolean {
    return this.state === 'ready' && this.pending === null
  }

  private take(line: string): boolean {
    const p = this.pending
    if (!p) return false
    const exit = EXIT_LINE.exec(line)
    if (exit) {
      this.pending = null
      p.resolve({ code: Number(exit[1]), stdout: Buffer.concat(p.out), stderr: Buffer.concat(p.err).toString('utf8'), timedOut: false })
      return true
    }
    const hex = HEX_LINE.exec(line)
    if (!hex) return false
    const bytes = Buffer.from(hex[2]!.replace(/ /g, ''), 'hex')
    p.size += bytes.length
    if (p.size > ANSWER_CAP) return false
    ;(hex[1] === 'o' ? p.out : p.err).push(bytes)
    return true
  }

  /** Runs one line; 'lost' when the worker ended before its answer (its outcome is unknown). */
  run(line: string, input: Buffer | undefined, timeoutMs: number): Promise<RunResult | 'lost'> {
    if (!this.idle) return Promise.resolve('lost')
    const body = Buffer.from(line, 'utf8')
    const data = input ?? Buffer.alloc(0)
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // A command that outlives its time keeps the worker busy: it ends, and so does the command's link.
        this.pending = null
        resolve({ code: null, stdout: Buffer.alloc(0), stderr: '', timedOut: true })
        this.end()
      }, timeoutMs)
      this.pending = {
        out: [],
        err: [],
        size: 0,
        resolve: (r) => {
          clearTimeout(timer)
          resolve(r)
        }
      }
      this.stream.write(Buffer.concat([Buffer.from(`${body.length} ${data.length}\n`), body, data]))
    })
  }

  end(): void {
    this.state = 'dead'
    this.stream.close()
  }
}
