import { parseArgs } from 'node:util'
import { APP_VERSION } from '../core/app-info'
import { LocalHost } from '../core/host/local'
import { toErr } from '../core/result'
import type { CliContext, CliFlags } from './context'

const USAGE = `plex-reclaim ${APP_VERSION}: get a locked-out Plex Media Server back

Usage:
  plex-reclaim detect [--root DIR] [--json]
  plex-reclaim inspect --file PATH [--json]
  plex-reclaim status [--server ID] [--port N] [--json]
  plex-reclaim stop|start [--server ID] [--port N] [--timeout SECONDS]
  plex-reclaim reset [--server ID] --yes [--port N] [--backup-dir DIR] [--json]
  plex-reclaim reset --file PATH --no-service --yes [--backup-dir DIR] [--dry-run] [--force] [--json]
  plex-reclaim claim --token CLAIM-TOKEN [--server ID] [--port N] [--json]
  plex-reclaim claim --sign-in [--server ID] [--port N] [--json]      (prints a plex.tv URL to open, then waits)
  plex-reclaim backups [--backup-dir DIR] [--json]
  plex-reclaim restore ID --yes [--server ID] [--port N] [--backup-dir DIR] [--json]
  plex-reclaim restore ID --no-service --yes [--backup-dir DIR] [--json]
  plex-reclaim resume [RUN_ID] | rollback [RUN_ID] [--backup-dir DIR] [--json]

--verbose prints the run's log (steps, timings, exit codes; never a token).

Every command that finds installations takes --root DIR; every command that keeps backups takes --backup-dir DIR.
Every command takes --host user@host[:port] [--identity FILE] [--accept-host-key SHA256:…] [--password-stdin]
[--sudo] to work on a server over SSH (backups stay on this computer). Passwords are read from
standard input, one a line (the SSH password first, then sudo's), and never stored.

Exit status: 0 on success (also when there is nothing to remove), 1 when the job failed, 2 for a usage error.`

type Command = (ctx: CliContext) => Promise<number>

const cliHost = new LocalHost({ blocking: true })

// Each command is loaded when it runs, so a reset does not pay for detection's code.
const COMMANDS: Record<string, () => Promise<Command>> = {
  detect: async () => (await import('./commands/detect')).detectCommand,
  inspect: async () => (await import('./commands/inspect')).inspectCommand,
  reset: async () => (await import('./commands/reset')).resetCommand,
  backups: async () => (await import('./commands/backups')).backupsCommand,
  restore: async () => (await import('./commands/restore')).restoreCommand,
  status: async () => (await import('./commands/service')).statusCommand,
  stop: async () => (await import('./commands/service')).stopCommand,
  start: async () => (await import('./commands/service')).startCommand,
  claim: async () => (await import('./commands/claim')).claimCommand,
  resume: async () => (await import('./commands/recovery')).resumeCommand,
  rollback: async () => (await import('./commands/recovery')).rollbackCommand
}

const OPTIONS = {
  json: { type: 'boolean', default: false },
  yes: { type: 'boolean', short: 'y', default: false },
  'dry-run': { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  'no-service': { type: 'boolean', default: false },
  verbose: { type: 'boolean', short: 'v', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
  root: { type: 'string' },
  'backup-dir': { type: 'string' },
  file: { type: 'string' },
  server: { type: 'string' },
  token: { type: 'string' },
  'sign-in': { type: 'boolean', default: false },
  timeout: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  identity: { type: 'string' },
  'accept-host-key': { type: 'string' },
  'password-stdin': { type: 'boolean', default: false },
  sudo: { type: 'boolean', default: false }
} as const

/** Runs one command; returns the exit status. Never throws, never prints a stack trace. */
export interface CliIo {
  out(line: string): void
  err(line: string): void
}

const processIo: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`)
}

export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    io.err(`plex-reclaim: ${(error as Error).message.split('\n')[0]}. Run "plex-reclaim --help" for usage.`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.version) return io.out(APP_VERSION), 0
  const [name, ...args] = positionals
  if (values.help || !name) return io.out(USAGE), values.help ? 0 : 2
  const load = COMMANDS[name]
  if (!load) {
    io.err(`plex-reclaim: unknown command "${name}". Run "plex-reclaim --help" for the list.`)
    return 2
  }
  try {
    const command = await load()
    const flags = values as CliFlags
    const remote = flags.host ? await (await import('./remote')).connectRemote(flags, cliHost) : undefined
    try {
      const ctx: CliContext = { args, flags, host: remote?.host ?? cliHost, local: cliHost, serverPort: remote?.serverPort, out: io.out }
      if (!['resume', 'rollback'].includes(name)) await (await import('./commands/recovery')).noticeCutOffRuns(ctx, io.err)
      return await command(ctx)
    } finally {
      remote?.host.close()
    }
  } catch (error) {
    const e = toErr(error)
    io.err(`plex-reclaim: ${e.message}`)
    return e.code === 'INVALID_INPUT' ? 2 : 1
  }
}
