import { spawn } from 'node:child_process'
import { dirname } from 'node:path'
import type { RunResult, StepEvent } from '../core/engine/index'
import type { Host } from '../core/host/types'
import { CoreError } from '../core/result'
import { pkexecOutcome } from '../core/server/elevation'
import type { Installation } from '../core/detect/types'
import { prepareHelper, type ElevatedHelper } from './elevated-helper'
import { HelperLineReader, type HelperLine } from './elevated-lines'

/** The fixed subcommand the helper runs (main/cli/commands/elevated.ts). */
export const HELPER_COMMAND = 'elevated-reset'
const STDERR_MAX = 64 * 1024

/**
 * Whether a reset of this installation needs root: a Preferences.xml on this Linux computer that
 * this user cannot read or write (or its folder), or that belongs to another user (whose owner
 * only root can keep on the new file).
 */
export async function needsRoot(host: Host, i: Installation): Promise<boolean> {
  if (host.kind !== 'local' || host.platform !== 'linux' || i.store.kind !== 'preferences-xml') return false
  if (i.readError) return i.readError.code === 'NEEDS_PERMISSION' || i.readError.code === 'PERMISSION_DENIED'
  const path = i.store.path
  const info = await host.stat(path).catch(() => null)
  if (!info) return false
  if (info.uid !== process.geteuid?.()) return true
  return !((await host.canWrite(path)) && (await host.canWrite(dirname(path))))
}

const quote = (a: string): string => (/^[A-Za-z0-9_./=:@-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)

/** The command a person runs instead, in a terminal: the same helper, with sudo, as the CLI's reset. */
export const insteadCommand = (helper: ElevatedHelper, installationId: string): string => `sudo ${quote(helper.path)} reset --yes --server ${installationId}`

export interface ElevatedRunInput {
  readonly helper: ElevatedHelper
  readonly installation: Installation
  readonly onStep: (event: StepEvent) => void
  /** Where pkexec is found (its absolute path in production; tests may pass a stand-in). */
  readonly pkexec?: string
}

/**
 * The whole reset in one root process: `pkexec --disable-internal-agent HELPER elevated-reset
 * --server ID [--file PATH]`, an argument array, never a shell. The helper detects again and
 * picks the installation itself; its stdout is read as validated JSON lines (elevated-lines.ts)
 * and its steps passed on as the run's own. One password prompt for the run.
 */
export async function runElevatedReset(input: ElevatedRunInput): Promise<RunResult> {
  const { installation: i } = input
  const instead = insteadCommand(input.helper, i.id)
  const prepared = await prepareHelper(input.helper, instead)
  try {
    const args = ['--disable-internal-agent', prepared.path, HELPER_COMMAND, '--server', i.id]
    if (i.store.kind === 'preferences-xml') args.push('--file', i.store.path)
    const lines: HelperLine[] = []
    const reader = new HelperLineReader((line) => {
      lines.push(line)
      if (line.type === 'step') input.onStep({ runId: line.runId, step: line.step, status: line.status, message: line.message, elapsedMs: line.elapsedMs, ...(line.final ? { final: true } : {}) })
    })
    const ended = await new Promise<{ code: number | null; stderr: string; notFound: boolean }>((resolve) => {
      const child = spawn(input.pkexec ?? 'pkexec', args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false })
      let stderr = ''
      let notFound = false
      child.stdout.on('data', (chunk: Buffer) => {
        // A bad stream is not read further; the helper finishes on its own (it is root's now).
        if (reader.push(chunk)) child.stdout.destroy()
      })
      child.stderr.on('data', (chunk: Buffer) => {
        if (stderr.length < STDERR_MAX) stderr += chunk.toString('utf8').slice(0, STDERR_MAX - stderr.length)
      })
      child.once('error', (error: NodeJS.ErrnoException) => {
        notFound = error.code === 'ENOENT'
        resolve({ code: null, stderr, notFound })
      })
      child.once('close', (code) => resolve({ code, stderr, notFound }))
    })
    const problem = reader.error ?? reader.end()
    if (problem) throw problem
    const last = lines.findLast((l) => l.type !== 'step')
    if (last?.type === 'error') throw new CoreError(last.code as never, last.message)
    if (last?.type === 'result') {
      return { runId: last.runId, outcome: last.outcome, journal: last.journal, logPath: last.logPath, removed: last.removed }
    }
    // No answer of the helper's own: pkexec's (dismissed, denied, no agent, not installed).
    const refused = pkexecOutcome({ exitCode: ended.code, stdout: '', stderr: ended.stderr, notFound: ended.notFound, timedOut: false }, instead)
    throw refused ?? new CoreError('TOOL_FAILED', `Plex Reclaim's helper ended without saying how the run went. Run this in a terminal to see where things stand: ${instead}`)
  } finally {
    await prepared.dispose()
  }
}
