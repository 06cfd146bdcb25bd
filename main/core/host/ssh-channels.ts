import type { Client as SshClient, ClientChannel } from 'ssh2'
import { CoreError } from '../result'
import { SshWorker, WORKER_INPUT_CAP } from './ssh-worker'

export interface RunResult {
  /** null only when the command timed out. */
  readonly code: number | null
  readonly stdout: Buffer
  readonly stderr: string
  readonly timedOut: boolean
}

const OPEN_ATTEMPTS = 6
const WORKER_START_MS = 10_000
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/**
 * The session channels of one connection. A server allows only so many at once (OpenSSH's
 * MaxSessions, 10 by default, and a slot is freed a moment after the client sees it closed), so
 * at most a few are open at a time, fewer once the server has refused one. A refused or failed
 * channel is retried a bounded number of times and then an error: it is never read as an answer.
 */
export class ChannelPool {
  private active = 0
  /** Slots kept for a whole session (SFTP): never counted against a command's chance to run. */
  private held = 0
  private limit: number
  private readonly waiting: Array<() => void> = []
  private worker: SshWorker | null = null
  private workerStarting: Promise<void> | null = null
  private workerStopped = false

  constructor(
    private readonly client: SshClient,
    readonly where: string,
    limit = 4
  ) {
    this.limit = limit
  }

  /** Takes a slot; release() gives it back. A held slot (a long-lived session) raises the floor. */
  async acquire(held = false): Promise<() => void> {
    while (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.active++
    if (held) {
      this.held++
      this.limit++
    }
    let released = false
    return () => {
      if (released) return
      released = true
      this.active--
      if (held) {
        this.held--
        this.limit = Math.max(1, this.limit - 1)
      }
      this.waiting.splice(0).forEach((wake) => wake())
    }
  }

  /** A refusal says the server counts more sessions than we thought: open fewer from now on. */
  private refused(): void {
    this.limit = Math.max(this.held + 1, Math.min(this.limit, this.active - 1))
  }

  /** Opens something on a channel (an exec, the SFTP subsystem), retrying a refusal. */
  async open<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    let last: unknown
    for (let i = 0; i < OPEN_ATTEMPTS; i++) {
      try {
        return await attempt()
      } catch (error) {
        // Only a refused channel is worth another try; a lost connection or a missing subsystem is not.
        if (!/Channel open failure|Unable to exec/i.test((error as Error)?.message ?? '')) throw error
        last = error
        this.refused()
        await sleep(20 * 2 ** i)
      }
    }
    throw new CoreError('SSH_CHANNEL_FAILED', `${this.where} refused a new SSH channel for ${what} (${(last as Error)?.message ?? 'no reason given'}) ${OPEN_ATTEMPTS} times. Nothing was concluded from it. Check the server's MaxSessions setting, then try again.`)
  }

  /**
   * The channel is watched from inside the exec's callback: ssh2 parses all packets of one read in
   * a row, so on a busy machine the exit status is emitted in the same tick as the exec's reply.
   */
  private exec(line: string, input: Buffer | undefined, timeoutMs: number): Promise<{ done: Promise<RunResult | 'lost'> }> {
    return new Promise((resolve, reject) => this.client.exec(line, (error, stream) => (error ? reject(error) : resolve({ done: this.collect(stream, input, timeoutMs) }))))
  }

  /**
   * Starts the long-lived worker (ssh-worker.ts) on a slot of its own, beside whatever runs now.
   * Where it cannot start (a refused channel, a server without mkfifo), commands keep their channels.
   */
  startWorker(line: string): Promise<void> {
    if (this.workerStopped) return Promise.resolve()
    this.workerStarting ??= this.launchWorker(line).finally(() => (this.workerStarting = null))
    return this.workerStarting
  }

  private async launchWorker(line: string): Promise<void> {
    const release = await this.acquire(true)
    // A server that never answers the worker's start delays nothing for long: channels after 10 s.
    let late = false
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(() => resolve(void (late = true)), WORKER_START_MS)))
    const started = (async () => {
      const stream = await new Promise<ClientChannel>((resolve, reject) => this.client.exec(line, (error, s) => (error ? reject(error) : resolve(s))))
      const worker = new SshWorker(stream)
      stream.on('close', () => {
        release()
        if (this.worker === worker) this.worker = null
      })
      if ((await worker.usable()) && !late && !this.workerStopped) this.worker = worker
      else worker.end()
    })().catch(() => release()) // refused or failed: a channel per command, as without a worker
    await Promise.race([started, deadline])
    clearTimeout(timer)
  }

  /** Ends the worker (its slot is given back once the server has closed it). */
  stopWorker(): void {
    this.workerStopped = true
    this.worker?.end()
    this.worker = null
  }

  /**
   * Runs one command line; input (if any) is its whole standard input. The worker takes it when it
   * is free, unless the input is a secret (a sudo password): that always has a channel of its own.
   */
  async run(line: string, input: Buffer | undefined, timeoutMs: number, secret = false): Promise<RunResult> {
    // A worker on its way is waited for: a channel of its own would cost as long (the server's
    // session start, about 0.1 s, is the same) and the next command would miss the worker too.
    if (this.workerStarting && !secret) await this.workerStarting
    const worker = this.worker
    if (!secret && worker?.idle && (input?.length ?? 0) <= WORKER_INPUT_CAP) return this.answered(await worker.run(line, input, timeoutMs))
    const release = await this.acquire()
    try {
      const { done } = await this.open('a command', () => this.exec(line, input, timeoutMs))
      return this.answered(await done)
    } finally {
      release()
    }
  }

  /** Started but ended without an exit status (killed, connection lost): no answer, and not
   * retried, since the command may have done its work. */
  private answered(result: RunResult | 'lost'): RunResult {
    if (result === 'lost') throw new CoreError('SSH_CHANNEL_FAILED', `A command on ${this.where} ended without an exit status, so its outcome is unknown. Check the connection, then try again.`)
    return result
  }

  private collect(stream: ClientChannel, input: Buffer | undefined, timeoutMs: number): Promise<RunResult | 'lost'> {
    return new Promise((resolve) => {
      const out: Buffer[] = []
      let stderr = ''
      let timedOut = false
      let code: number | undefined
      const timer = setTimeout(() => {
        timedOut = true
        stream.close()
      }, timeoutMs)
      stream.on('data', (c: Buffer) => out.push(c))
      stream.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
      stream.on('exit', (exitCode: number | null) => {
        if (typeof exitCode === 'number') code = exitCode
      })
      stream.on('close', () => {
        clearTimeout(timer)
        if (timedOut) resolve({ code: null, stdout: Buffer.concat(out), stderr, timedOut })
        else if (code === undefined) resolve('lost')
        else resolve({ code, stdout: Buffer.concat(out), stderr, timedOut })
      })
      stream.end(input)
    })
  }
}
