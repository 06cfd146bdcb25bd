import { chmod, copyFile, lstat, mkdtemp, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { isSea } from 'node:sea'
import { LocalHost } from '../core/host/local'
import { refusedFrame } from '../core/host/privileged-channel'
import { servePrivileged } from '../core/host/privileged-helper'
import { closeOwnerWorkers, useOwnerWorkers, WORKER_COMMAND } from '../core/host/privileged-owner'
import { encodeFrame, toFailure } from '../core/host/privileged-protocol'
import { executeOn, refuseExec, serve } from '../core/host/privileged-serve'
import { CoreError } from '../core/result'
import { HELPER_COMMAND } from './elevated-run'

/**
 * This very program, so a worker that acts as a folder's owner runs the same code (issue 23 item
 * 1): the single executable, or node with one of our bundles. null when the CLI runs inside
 * another program (a test runner calling runCli): there is no program of ours to start.
 */
function selfProgram(): string[] | null {
  if (isSea()) return [process.execPath]
  const script = process.argv[1] ?? ''
  return /(^|[\\/])((cli|cli-test)\.js|plex-reclaim(\.cjs)?)$/.test(script) ? [process.execPath, script] : null
}

/**
 * The CLI run as root (`sudo plex-reclaim …`): its writes, renames and removes in another user's
 * folder are done by workers that have become that user. Returns what ends them.
 */
export function rootActsAsOwners(): () => void {
  const self = selfProgram()
  if (process.geteuid?.() !== 0 || !self) return () => undefined
  useOwnerWorkers(self)
  return closeOwnerWorkers
}

const ignoreWriteErrors = (): void => undefined

/** Whether the path and every folder above it are root's, and nobody else may change them. */
async function rootsAlone(path: string): Promise<boolean> {
  for (let p = path; ; p = dirname(p)) {
    const info = await lstat(p).catch(() => null) // unreadable: not a trusted path
    if (!info || info.uid !== 0 || info.mode & 0o022) return false
    if (p === dirname(p)) return true
  }
}

/**
 * The program the helper's workers run: itself in place when only root can change it (the .deb's
 * /opt), else a copy in a fresh root-owned folder that the folder's owner may run but not change
 * (an AppImage's copy lives in the desktop user's private folder, which plex cannot even enter).
 */
async function workerProgram(): Promise<{ program: string[]; dispose: () => Promise<void> }> {
  const self = selfProgram()
  if (!self) throw new CoreError('TOOL_FAILED', `${HELPER_COMMAND} runs as Plex Reclaim's own program only.`)
  if (!isSea() || (await rootsAlone(process.execPath))) return { program: self, dispose: async () => undefined }
  const dir = await mkdtemp('/tmp/plex-reclaim-worker-')
  await chmod(dir, 0o711)
  const copy = join(dir, 'plex-reclaim')
  await copyFile(process.execPath, copy)
  await chmod(copy, 0o755)
  return { program: [copy], dispose: () => rm(dir, { recursive: true, force: true }) }
}

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
    const workers = await workerProgram()
    useOwnerWorkers(workers.program)
    try {
      await servePrivileged(process.stdin, process.stdout)
    } finally {
      closeOwnerWorkers()
      await workers.dispose()
    }
    return 0
  }
  if (process.geteuid?.() === 0) return refuse(new CoreError('NOT_PERMITTED', `${WORKER_COMMAND} acts as a folder's owner, never as root; it did nothing.`))
  const host = new LocalHost()
  await serve(process.stdin, process.stdout, (req) => (req.op === 'exec' ? refuseExec() : executeOn(host, req)))
  return 0
}
