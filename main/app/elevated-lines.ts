import { z } from 'zod'
import type { RunResult, StepEvent } from '../core/engine/index'
import { STEP_IDS, journalSchema } from '../core/engine/journal'
import { CoreError } from '../core/result'
import { STAMP_ID } from '../core/backups/manifest'

/**
 * What the elevated helper (`plex-reclaim elevated-reset`, run by pkexec) says on stdout: one JSON
 * object per line, documented in docs/platforms.md. The app treats it as untrusted input: every line
 * is checked against these schemas, unknown types and fields are refused, and the stream is bounded.
 * No line carries a token: steps carry the engine's own messages, the result its journal.
 */
const stepLine = z
  .object({
    type: z.literal('step'),
    runId: z.string().regex(STAMP_ID),
    step: z.enum(STEP_IDS),
    status: z.enum(['running', 'done', 'failed', 'skipped']),
    message: z.string().max(8000),
    elapsedMs: z.number().int().min(0).max(2 ** 40),
    final: z.literal(true).optional()
  })
  .strict()

const resultLine = z
  .object({
    type: z.literal('result'),
    runId: z.string().regex(STAMP_ID),
    outcome: z.enum(['finished', 'nothing-to-do', 'rolled-back']),
    removed: z.array(z.enum(['PlexOnlineHome', 'PlexOnlineMail', 'PlexOnlineToken', 'PlexOnlineUsername'])).max(4),
    journal: journalSchema,
    logPath: z.string().min(1).max(4096),
    backupDir: z.string().min(1).max(4096)
  })
  .strict()

const errorLine = z
  .object({
    type: z.literal('error'),
    code: z.string().regex(/^[A-Z_]{2,40}$/),
    message: z.string().max(8000)
  })
  .strict()

export const helperLineSchema = z.discriminatedUnion('type', [stepLine, resultLine, errorLine])
export type HelperLine = z.infer<typeof helperLineSchema>

/** One line is at most this long; the whole stream at most this many bytes (a run writes a few KB). */
export const HELPER_LINE_MAX = 64 * 1024
export const HELPER_STREAM_MAX = 1024 * 1024

/** The helper's side: one event, one line. */
export const stepLineOf = (e: StepEvent): string => JSON.stringify({ type: 'step', ...e })
export const resultLineOf = (r: RunResult, backupDir: string): string =>
  JSON.stringify({ type: 'result', runId: r.runId, outcome: r.outcome, removed: r.removed, journal: r.journal, logPath: r.logPath, backupDir })
export const errorLineOf = (code: string, message: string): string => JSON.stringify({ type: 'error', code, message })

const refused = (why: string): CoreError =>
  new CoreError('TOOL_FAILED', `The elevated helper's progress could not be read (${why}), so the run's outcome is not known here. Nothing more is done from this window; "plex-reclaim runs" run with sudo shows where it stands.`)

/**
 * Reads the helper's stdout chunk by chunk: each complete line is parsed and validated, then passed
 * on. The first bad line, an oversized line or stream, or anything after the last line is refused
 * with a CoreError (the reader stays refused after that).
 */
export class HelperLineReader {
  private buffered = ''
  private total = 0
  private problem: CoreError | null = null
  private ended = false

  constructor(private readonly onLine: (line: HelperLine) => void) {}

  get error(): CoreError | null {
    return this.problem
  }

  /** A chunk of stdout; returns the problem once one is found (then the caller stops reading). */
  push(chunk: Buffer | string): CoreError | null {
    if (this.problem) return this.problem
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8')
    this.total += Buffer.byteLength(text)
    if (this.total > HELPER_STREAM_MAX) return this.fail(`more than ${HELPER_STREAM_MAX} bytes`)
    this.buffered += text
    for (let nl = this.buffered.indexOf('\n'); nl >= 0; nl = this.buffered.indexOf('\n')) {
      const line = this.buffered.slice(0, nl)
      this.buffered = this.buffered.slice(nl + 1)
      if (this.take(line)) return this.problem
    }
    if (this.buffered.length > HELPER_LINE_MAX) return this.fail(`a line longer than ${HELPER_LINE_MAX} bytes`)
    return null
  }

  /** The stream ended: a last line without its newline is refused (it may have been cut). */
  end(): CoreError | null {
    if (this.problem || this.ended) return this.problem
    this.ended = true
    return this.buffered.length > 0 ? this.fail('a last line without its end') : null
  }

  private take(line: string): boolean {
    if (line.length > HELPER_LINE_MAX) return Boolean(this.fail(`a line longer than ${HELPER_LINE_MAX} bytes`))
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      return Boolean(this.fail('a line that is not JSON'))
    }
    const parsed = helperLineSchema.safeParse(value)
    if (!parsed.success) return Boolean(this.fail(`a line that is not a known event: ${parsed.error.issues[0]?.message ?? 'invalid'}`))
    this.onLine(parsed.data)
    return false
  }

  private fail(why: string): CoreError {
    this.problem ??= refused(why)
    return this.problem
  }
}
