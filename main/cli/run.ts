import { parseArgs } from 'node:util'
import { APP_VERSION } from '../core/app-info'
import { LocalHost } from '../core/host/local'
import { toErr } from '../core/result'
import type { CliContext, CliFlags } from './context'
import { commandHelp, overview } from './help'

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

/** `plex-reclaim help [COMMAND]` and `COMMAND --help`. */
function showHelp(name: string | undefined, io: CliIo): number {
  if (!name) return io.out(overview()), 0
  const text = commandHelp(name)
  if (text) return io.out(text), 0
  io.err(`plex-reclaim: unknown command "${name}". Run "plex-reclaim --help" for the list.`)
  return 2
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
  if (!name) return io.out(overview()), values.help ? 0 : 2
  const helpFor = name === 'help' ? (args[0] ?? (values.help ? 'help' : undefined)) : name
  if (name === 'help' || values.help) return showHelp(helpFor, io)
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
