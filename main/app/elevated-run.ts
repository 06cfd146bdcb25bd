import { spawn } from 'node:child_process'
import { dirname } from 'node:path'
import type { Installation } from '../core/detect/types'
import { PrivilegedHost } from '../core/host/privileged-host'
import type { Host } from '../core/host/types'
import { CoreError } from '../core/result'
import { pkexecOutcome } from '../core/server/elevation'
import { prepareHelper, type ElevatedHelper, type PreparedHelper } from './elevated-helper'

/** The hidden command the helper serves (main/cli/run.ts dispatches it before anything else). */
export const HELPER_COMMAND = 'privileged-host'

/**
 * Whether this installation needs root: a Preferences.xml on this Linux computer that this user
 * cannot read or write (or its folder), or that belongs to another user (whose owner only root
 * can keep on the new file). Root itself never needs the helper.
 */
export async function needsRoot(host: Host, i: Installation): Promise<boolean> {
  if (host.kind !== 'local' || host.actsAsRoot || host.platform !== 'linux' || i.store.kind !== 'preferences-xml' || process.geteuid?.() === 0) return false
  if (i.readError) return i.readError.code === 'NEEDS_PERMISSION' || i.readError.code === 'PERMISSION_DENIED'
  const path = i.store.path
  const info = await host.stat(path).catch(() => null) // absent: nothing to elevate for
  if (!info) return false
  if (info.uid !== process.geteuid?.()) return true
  return !((await host.canWrite(path)) && (await host.canWrite(dirname(path))))
}

const quote = (a: string): string => (/^[A-Za-z0-9_./=:@-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)

/** The command a person runs instead, in a terminal: the same executable, with sudo, as the CLI's reset. */
export const insteadCommand = (helper: ElevatedHelper, installationId: string): string => `sudo ${quote(helper.path)} reset --yes --server ${installationId}`

export interface PrivilegedOptions {
  readonly helper: ElevatedHelper
  /** Named in the messages that say what to run instead. */
  readonly installationId: string
  /** Where pkexec is found (tests may pass a stand-in). */
  readonly pkexec?: string
}

/**
 * This computer through the privileged helper: `pkexec --disable-internal-agent HELPER
 * privileged-host`, an argument array, never a shell, started on the first privileged use and
 * kept until the app closes it (one password prompt per session). Journals, locks, logs and
 * backups stay with `local`, the user's own host.
 */
export function privilegedHost(local: Host, options: PrivilegedOptions): PrivilegedHost & { dispose(): Promise<void> } {
  const instead = insteadCommand(options.helper, options.installationId)
  let prepared: Promise<PreparedHelper> | null = null
  const host = new PrivilegedHost(local, {
    spawn: async () => {
      prepared ??= prepareHelper(options.helper, instead)
      const path = (await prepared).path
      return spawn(options.pkexec ?? 'pkexec', ['--disable-internal-agent', path, HELPER_COMMAND], { stdio: ['pipe', 'pipe', 'pipe'], shell: false })
    },
    endedEarly: (stderr, code, notFound) =>
      pkexecOutcome({ exitCode: code, stdout: '', stderr, notFound, timedOut: false }, instead) ??
      new CoreError('TOOL_FAILED', `Plex Reclaim's privileged helper ended before it was ready${stderr ? ` (${stderr.trim().slice(0, 300)})` : ''}. Nothing was changed. Run this in a terminal instead: ${instead}`)
  })
  return Object.assign(host, {
    dispose: async () => {
      host.close()
      if (prepared) await (await prepared.catch(() => null))?.dispose() // never prepared: nothing to dispose
    }
  })
}
