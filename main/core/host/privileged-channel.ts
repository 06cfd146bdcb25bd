import type { ChildProcess } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'
import { CoreError } from '../result'
import { FrameReader, VALUE_SCHEMAS, encodeFrame, fromFailure, replySchema, type Failure, type Reply, type RequestBody } from './privileged-protocol'

const STDERR_MAX = 64 * 1024

type Pending = { op: keyof typeof VALUE_SCHEMAS; resolve: (value: unknown) => void; reject: (error: Error) => void }

/**
 * The asking side of the protocol over a child's stdin and stdout: requests go out with an id,
 * each reply is checked against the schema of the operation asked for. The first bad frame, or
 * the child's end, fails everything still waiting and every later request.
 */
export class FramedClient {
  private readonly pending = new Map<number, Pending>()
  private next = 0
  private closedWith: Error | null = null
  private stderr = ''
  readonly ready: Promise<void>
  /** Told when the first request starts waiting (false) and when none is left (true). */
  onIdle: ((idle: boolean) => void) | null = null

  constructor(
    private readonly child: ChildProcess,
    /** The error for a child that ended before it said it was ready (pkexec's refusals live here). */
    private readonly endedEarly: (stderr: string, code: number | null, notFound: boolean) => Error
  ) {
    let settle!: { resolve: () => void; reject: (e: Error) => void }
    this.ready = new Promise((resolve, reject) => (settle = { resolve, reject }))
    this.ready.catch(() => undefined) // observed by whoever awaits ready; this only keeps it from being unhandled
    let isReady = false
    const reader = new FrameReader<Reply>(replySchema, (reply) => {
      if (reply.type === 'ready') return void ((isReady = true), settle.resolve())
      if (reply.type === 'refused') return void this.fail(fromFailure(reply.error), settle)
      const waiting = this.pending.get(reply.id)
      if (!waiting) return void this.fail(this.broken('an answer to nothing asked'), settle)
      this.pending.delete(reply.id)
      if (this.pending.size === 0) this.onIdle?.(true)
      if (reply.type === 'error') return waiting.reject(fromFailure(reply.error))
      const parsed = VALUE_SCHEMAS[waiting.op].safeParse(reply.value)
      if (!parsed.success) return void this.fail(this.broken(`an answer to ${waiting.op} of the wrong shape`), settle)
      waiting.resolve(parsed.data)
    })
    const out = child.stdout as Readable
    out.on('data', (chunk: Buffer) => {
      const problem = reader.push(chunk)
      if (problem) this.fail(this.broken(problem), settle)
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      if (this.stderr.length < STDERR_MAX) this.stderr += chunk.toString('utf8').slice(0, STDERR_MAX - this.stderr.length)
    })
    ;(child.stdin as Writable).on('error', () => undefined)
    let notFound = false
    child.once('error', (error: NodeJS.ErrnoException) => {
      notFound = error.code === 'ENOENT'
      this.fail(this.endedEarly(this.stderr, null, notFound), settle)
    })
    child.once('close', (code) => {
      this.fail(isReady ? new CoreError('TOOL_FAILED', `Plex Reclaim's privileged helper ended (exit ${code ?? 'by a signal'}) in the middle of the work.${this.stderr ? ` It said: ${this.stderr.trim().slice(0, 500)}` : ''}`) : this.endedEarly(this.stderr, code, notFound), settle)
    })
  }

  get ended(): boolean {
    return this.closedWith !== null
  }

  async request(body: RequestBody): Promise<unknown> {
    this.onIdle?.(false)
    try {
      await this.ready
    } finally {
      if (this.pending.size === 0) this.onIdle?.(true)
    }
    if (this.closedWith) throw this.closedWith
    const id = this.next++
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.onIdle?.(false)
      this.pending.set(id, { op: body.op, resolve, reject })
      ;(this.child.stdin as Writable).write(encodeFrame({ ...body, id }))
    })
  }

  /** Closing stdin is the helper's signal to end (it serves nobody else). */
  close(): void {
    ;(this.child.stdin as Writable).end()
  }

  private broken(why: string): CoreError {
    this.child.kill('SIGTERM')
    return new CoreError('TOOL_FAILED', `Plex Reclaim's privileged helper answered something that could not be read (${why}), so it was stopped. Nothing more is done through it.`)
  }

  private fail(error: Error, settle: { reject: (e: Error) => void }): void {
    if (this.closedWith) return
    this.closedWith = error
    settle.reject(error)
    for (const p of this.pending.values()) p.reject(error)
    this.pending.clear()
  }
}

/** The serving side: one reply frame at a time on out. */
export const writeFrame = (out: Writable, value: Reply): void => void out.write(encodeFrame(value))

export const refusedFrame = (error: Failure): Reply => ({ type: 'refused', error })
