import { join } from 'node:path'
import { z } from 'zod'
import { STAMP_ID } from '../backups/manifest'
import { INSTALLATION_ID } from '../detect/types'
import type { Host } from '../host/types'
import { CoreError } from '../result'
import { readSmallFile, unlinkRegularFile } from './small-file'

const lockSchema = z
  .object({
    pid: z.number().int().positive(),
    runId: z.string().regex(STAMP_ID),
    startedAt: z.iso.datetime(),
    /** The holder's start time (Linux /proc/PID/stat), so a reused pid is not taken for the holder. */
    processStart: z.string().regex(/^[0-9]+$/).nullable()
  })
  .strict()
export type LockContent = z.infer<typeof lockSchema>

/** Locks this process holds: the file alone cannot tell two runs of one process apart. */
const heldHere = new Set<string>()

async function processStartOf(host: Host, pid: number): Promise<string | null> {
  if (host.platform !== 'linux') return null
  try {
    const stat = (await host.readFile(`/proc/${pid}/stat`)).toString('utf8')
    // Field 22 (starttime), counted after the command name, which may itself hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

export const lockPathOf = (dir: string, installationId: string): string => {
  // The id names a file: only the fixed pattern may, never an id read from elsewhere unchecked.
  if (!INSTALLATION_ID.test(installationId)) throw new CoreError('INVALID_INPUT', `"${installationId}" is not an installation id.`)
  return join(dir, `${installationId}.lock`)
}

/** What holds a lock, or null when nothing live does (no file, unreadable, or its process is gone). */
export async function liveHolder(host: Host, path: string): Promise<LockContent | null> {
  let holder: LockContent
  try {
    const parsed = lockSchema.safeParse(JSON.parse((await readSmallFile(host, path, 64 * 1024)).toString('utf8')))
    if (!parsed.success) return null
    holder = parsed.data
  } catch {
    return null
  }
  if (holder.pid === process.pid) return heldHere.has(path) ? holder : null
  if (!(await host.processAlive(holder.pid))) return null
  if (holder.processStart !== null) {
    const now = await processStartOf(host, holder.pid)
    if (now !== null && now !== holder.processStart) return null // the pid was reused
  }
  return holder
}

/**
 * One run at a time per installation, across processes and inside one (the app and the bridge run
 * every run in one process): a lock file created exclusively plus this process's own set. A lock
 * whose process is gone (a killed run) is cleared with a plain unlink, so it never lasts for ever.
 */
export class RunLock {
  private constructor(
    private readonly host: Host,
    readonly path: string
  ) {}

  static async acquire(host: Host, dir: string, installationId: string, runId: string): Promise<RunLock> {
    const path = lockPathOf(dir, installationId)
    await host.mkdir(dir, 0o700)
    const busy = (holder: LockContent): CoreError =>
      new CoreError('RUN_IN_PROGRESS', `Another run (${holder.runId}) is already working on this server${holder.pid === process.pid ? ' in this window' : ` (process ${holder.pid})`}, started ${holder.startedAt}. Wait for it to finish; nothing was changed.`)
    const content: LockContent = { pid: process.pid, runId, startedAt: new Date().toISOString(), processStart: await processStartOf(host, process.pid) }
    for (let attempt = 0; attempt < 2; attempt++) {
      if (heldHere.has(path)) {
        const holder = await liveHolder(host, path)
        throw busy(holder ?? { ...content, runId: 'another run' })
      }
      try {
        await host.writeNewFile(path, Buffer.from(JSON.stringify(content)), 0o600)
        heldHere.add(path)
        return new RunLock(host, path)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      const holder = await liveHolder(host, path)
      if (holder) throw busy(holder)
      await unlinkRegularFile(host, path) // stale: its process is gone
    }
    throw new CoreError('RUN_IN_PROGRESS', 'Another run keeps taking the lock on this server. Try again in a moment; nothing was changed.')
  }

  async release(): Promise<void> {
    heldHere.delete(this.path)
    await unlinkRegularFile(this.host, this.path).catch(() => undefined)
  }
}
