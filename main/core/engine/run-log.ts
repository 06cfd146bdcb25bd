import { join } from 'node:path'
import type { Host } from '../host/types'

/**
 * A plain-text log per run beside its journal: steps, timings, outcomes, program exit codes.
 * Messages come from the core, which never puts a token value in one.
 */
export class RunLog {
  private lines: string[] = []
  private readonly started = Date.now()

  constructor(
    private readonly host: Host,
    readonly path: string
  ) {}

  static for(host: Host, runsDir: string, runId: string): RunLog {
    return new RunLog(host, join(runsDir, `${runId}.log`))
  }

  /** Appends a line and rewrites the file (small, and a crash loses at most this line). */
  async add(line: string): Promise<void> {
    this.lines.push(`${new Date().toISOString()} +${((Date.now() - this.started) / 1000).toFixed(2)}s ${line}`)
    await this.host.writeFileAtomic(this.path, Buffer.from(`${this.lines.join('\n')}\n`), { mode: 0o600 }).catch(() => undefined) // the log is an aid: a full disk must not fail the run it describes (the journal's save does)
  }

  async read(): Promise<string> {
    return (await this.host.readFile(this.path).catch(() => Buffer.from(''))).toString('utf8') // no log yet
  }
}
