import { join } from 'node:path'
import type { Host } from '../host/types'
import { CoreError } from '../result'

interface LockContent {
  readonly pid: number
  readonly runId: string
  readonly startedAt: string
}

/**
 * One run at a time per installation: a lock file created exclusively, naming the process that
 * holds it. A lock whose process is gone (a killed run) is cleared, so it never lasts for ever.
 */
export class RunLock {
  private constructor(
    private readonly host: Host,
    readonly path: string
  ) {}

  static async acquire(host: Host, dir: string, installationId: string, runId: string): Promise<RunLock> {
    await host.mkdir(dir, 0o700)
    const path = join(dir, `${installationId}.lock`)
    const content = Buffer.from(JSON.stringify({ pid: process.pid, runId, startedAt: new Date().toISOString() } satisfies LockContent))
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await host.writeNewFile(path, content, 0o600)
        return new RunLock(host, path)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      let holder: LockContent | null
      try {
        holder = JSON.parse((await host.readFile(path)).toString('utf8')) as LockContent
      } catch {
        holder = null // unreadable or half-written by a killed run: stale
      }
      if (holder && holder.pid !== process.pid && (await host.processAlive(holder.pid))) {
        throw new CoreError('RUN_IN_PROGRESS', `Another run is already working on this server (process ${holder.pid}, started ${holder.startedAt}). Wait for it to finish; nothing was changed.`)
      }
      await host.remove(path) // stale: its process is gone
    }
    throw new CoreError('RUN_IN_PROGRESS', 'Another run keeps taking the lock on this server. Try again in a moment; nothing was changed.')
  }

  release(): Promise<void> {
    return this.host.remove(this.path)
  }
}
