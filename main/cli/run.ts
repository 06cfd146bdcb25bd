import { AppService, APP_VERSION, LocalHost, REAL_PLEX_TV, defaultBackupDir, toErr, type AppEnvironment, type HostEntry } from '../app/index'
import { userInfo } from 'node:os'
import { resolve } from 'node:path'
import type { CliContext, CliFlags } from './context'
import { backupDirFlag, portFlag, timeoutFlag } from './context'
import { COMMANDS } from './commands/index'
import { noticeCutOffRuns } from './commands/recovery'
import { connectRemote } from './remote'
import { commandHelp, overview } from './help'
import { shown, shownLines } from './format'
import { parseFlags } from './options'


export interface CliIo {
  out(line: string): void
  err(line: string): void
}

/**
 * What only a test or demo entry point may pass in (a plex.tv stand-in, the fault-injection
 * boundary). The release CLI passes nothing: it reads no switch of this kind from the environment.
 */
export interface CliHooks {
  readonly plexTv?: AppEnvironment['plexTv']
  readonly boundary?: AppEnvironment['boundary']
  /** The single-file CLI a reset of a plex-owned file runs through pkexec (the real polkit test's). */
  readonly elevatedHelper?: AppEnvironment['elevatedHelper']
  /** How long plex.tv is asked again for a server just claimed (tests shorten the 15 s). */
  readonly ownershipWaitMs?: number
}

/** The one sink of text output: no control character but our own line breaks reaches the terminal. */
const processIo: CliIo = {
  out: (line) => void process.stdout.write(`${shownLines(line)}\n`),
  err: (line) => void process.stderr.write(`${shownLines(line)}\n`)
}

/** pkexec's helper keeps root's own backups: its home from the password database, not from the environment. */
const helperBackupDir = (): string => defaultBackupDir('linux', {}, userInfo().homedir)

function environment(name: string, flags: CliFlags, hooks: CliHooks, onStep: AppEnvironment['onStep']): AppEnvironment {
  return {
    local: new LocalHost(),
    // Stored as an absolute path: journals and messages must not depend on where the CLI ran.
    backupDir: name === 'elevated-reset' ? helperBackupDir() : resolve(backupDirFlag(flags) ?? defaultBackupDir()),
    root: flags.root ?? '/',
    docker: !flags.root,
    port: flags.host ? 32400 : portFlag(flags),
    appVersion: APP_VERSION,
    plexTv: hooks.plexTv ?? REAL_PLEX_TV,
    control: { timeoutMs: timeoutFlag(flags, 90_000) },
    boundary: hooks.boundary,
    elevatedHelper: hooks.elevatedHelper,
    ownershipWaitMs: hooks.ownershipWaitMs,
    onStep
  }
}

/** `plex-reclaim help [COMMAND]` and `COMMAND --help`. */
function showHelp(name: string | undefined, io: CliIo): number {
  if (!name) return io.out(overview()), 0
  const text = commandHelp(name)
  if (text) return io.out(text), 0
  io.err(`plex-reclaim: unknown command "${name}". Run "plex-reclaim --help" for the list.`)
  return 2
}

/** Errors in what was typed (exit 2, as usage errors), not in what happened. */
const USAGE_CODES: ReadonlySet<string> = new Set(['INVALID_INPUT', 'CLAIM_TOKEN_INVALID'])

/** Runs one command; returns the exit status. Never throws, never prints a stack trace. */
export async function runCli(argv: readonly string[], io: CliIo = processIo, hooks: CliHooks = {}): Promise<number> {
  let parsed
  try {
    parsed = parseFlags(argv)
  } catch (error) {
    // Node's own sentence already ends with a full stop ("… is ambiguous."): never two.
    io.err(`plex-reclaim: ${(error as Error).message.split('\n')[0]!.replace(/\.$/, '')}. Run "plex-reclaim --help" for usage.`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.version) return io.out(APP_VERSION), 0
  const [name, ...args] = positionals
  if (!name) return io.out(overview()), values.help ? 0 : 2
  const helpFor = name === 'help' ? (args[0] ?? (values.help ? 'help' : undefined)) : name
  if (name === 'help' || values.help) return showHelp(helpFor, io)
  const command = COMMANDS[name]
  if (!command) {
    io.err(`plex-reclaim: unknown command "${name}". Run "plex-reclaim --help" for the list.`)
    return 2
  }
  let service: AppService | undefined
  try {
    const flags: CliFlags = values
    const steps: AppEnvironment['onStep'] = flags.json || !['reset', 'restore', 'resume', 'rollback'].includes(name) ? undefined : (e) => io.out(`[${(e.elapsedMs / 1000).toFixed(1).padStart(5)} s] ${e.step.padEnd(16)} ${e.status.padEnd(7)} ${e.message}`)
    service = new AppService(environment(name, flags, hooks, steps))
    let entry: HostEntry = service.hosts.local
    if (flags.host) entry = service.useHost(await connectRemote(flags))
    const ctx: CliContext = { args, flags, service, entry, out: io.out }
    if (!['resume', 'rollback'].includes(name)) await noticeCutOffRuns(ctx, io.err)
    return await command(ctx)
  } catch (error) {
    const e = toErr(error)
    // An error is one line: a newline inside it came from a value (a path), never from our words.
    io.err(`plex-reclaim: ${shown(e.message)}`)
    return USAGE_CODES.has(e.code) ? 2 : 1
  } finally {
    await service?.dispose()
  }
}
