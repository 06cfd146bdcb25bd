import { isSea } from 'node:sea'
import { LocalHost } from '../core/host/local'
import { refusedFrame } from '../core/host/privileged-channel'
import { servePrivileged } from '../core/host/privileged-helper'
import { closeOwnerWorkers, useOwnerWorkers, WORKER_COMMAND } from '../core/host/privileged-owner'
import { encodeFrame, toFailure } from '../core/host/privileged-protocol'
import { executeOn, refuseExec, serve } from '../core/host/privileged-serve'
import { CoreError } from '../core/result'
import { HELPER_COMMAND } from './elevated-run'

/** This very program, so a worker that acts as a folder's owner runs the same code (issue 23 item 1). */
const selfProgram = (): string[] => (isSea() ? [process.execPath] : [process.execPath, process.argv[1]!])

/**
 * The CLI run as root (`sudo plex-reclaim …`): its writes, renames and removes in another user's
 * folder are done by workers that have become that user. Returns what ends them.
 */
export function rootActsAsOwners(): () => void {
  if (process.geteuid?.() !== 0) return () => undefined
  useOwnerWorkers(selfProgram())
  return closeOwnerWorkers
}

const ignoreWriteErrors = (): void => undefined

function refuse(error: CoreError): number {
  process.stdout.write(encodeFrame(refusedFrame(toFailure(error))))
  return 2
}

/**
 * The hidden commands, decided from the arguments alone before anything else happens:
 * `privileged-host` (the desktop app's helper, which pkexec starts) and `privileged-worker` (one
 * that the helper, or root's CLI, starts as a folder's owner). Run by pkexec, the program serves
 * nothing else and answers only in frames, even a refusal. null: an ordinary CLI command.
 */
export async function hiddenCommand(argv: readonly string[]): Promise<number | null> {
  const underPkexec = process.env.PKEXEC_UID !== undefined
  const [name] = argv
  if (!underPkexec && name !== HELPER_COMMAND && name !== WORKER_COMMAND) return null
  // Nobody may be reading any more (the app closed): a failed write must not kill a root process.
  process.stdout.on('error', ignoreWriteErrors)
  if (argv.length !== 1 || (name !== HELPER_COMMAND && (underPkexec || name !== WORKER_COMMAND))) {
    return refuse(new CoreError('INVALID_INPUT', `Run by pkexec, plex-reclaim only serves the desktop app (the single argument "${HELPER_COMMAND}"); it was given ${argv.length} argument(s) and did nothing. In a terminal, run "sudo plex-reclaim reset --yes" instead.`))
  }
  if (name === HELPER_COMMAND) {
    if (process.geteuid?.() !== 0) return refuse(new CoreError('ELEVATION_UNAVAILABLE', `${HELPER_COMMAND} is run as root by Plex Reclaim (through pkexec); it did nothing.`))
    useOwnerWorkers(selfProgram())
    try {
      await servePrivileged(process.stdin, process.stdout)
    } finally {
      closeOwnerWorkers()
    }
    return 0
  }
  if (process.geteuid?.() === 0) return refuse(new CoreError('NOT_PERMITTED', `${WORKER_COMMAND} acts as a folder's owner, never as root; it did nothing.`))
  const host = new LocalHost()
  await serve(process.stdin, process.stdout, (req) => (req.op === 'exec' ? refuseExec() : executeOn(host, req)))
  return 0
}
