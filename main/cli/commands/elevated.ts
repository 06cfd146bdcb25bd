import { realpath } from 'node:fs/promises'
import { CoreError, errorLineOf, resultLineOf, stepLineOf, toErr, type Known } from '../../app/index'
import type { CliContext } from '../context'

const sameFile = async (a: string, b: string): Promise<boolean> => {
  const [x, y] = await Promise.all([realpath(a).catch(() => a), realpath(b).catch(() => b)])
  return x === y
}

/**
 * The installation the helper acts on, from its own detection as root: the one with the id it was
 * given, else the one whose settings file is the path it was given. Nothing else is taken on trust.
 */
async function target(ctx: CliContext): Promise<Known> {
  const found = await ctx.service.detect(ctx.entry, '/')
  const byId = found.find((k) => k.installation.id === ctx.flags.server)
  if (byId) return byId
  const file = ctx.flags.file
  if (file) {
    for (const k of found) if (k.installation.store.kind === 'preferences-xml' && (await sameFile(k.installation.store.path, file))) return k
  }
  throw new CoreError('NOT_FOUND', `The server to reset (${ctx.flags.server ?? file ?? 'none named'}) is not among the installations found on this computer as root. Nothing was changed.`)
}

const ignoreWriteErrors = (): void => undefined

/**
 * elevated-reset: the Linux desktop app's privileged helper, started by pkexec (never a shell). It
 * detects again, picks its target itself, runs the reset with service control and writes each
 * event as one JSON line on stdout (main/app/elevated-lines.ts; docs/platforms.md).
 */
export async function elevatedResetCommand(ctx: CliContext): Promise<number> {
  const write = (line: string): void => ctx.out(line)
  // The run goes on to its end when nobody reads any more (the app closed, or it refused a line):
  // a failed write must not kill a root process that has stopped the server.
  if (!process.stdout.listeners('error').includes(ignoreWriteErrors)) process.stdout.on('error', ignoreWriteErrors)
  try {
    if (process.geteuid?.() !== 0) throw new CoreError('ELEVATION_UNAVAILABLE', 'elevated-reset is run as root by Plex Reclaim (through pkexec). In a terminal, run "sudo plex-reclaim reset --yes" instead.')
    const { flags } = ctx
    // Fixed flags only: nothing else a user could pass changes what root does.
    const extra = Object.entries(flags).filter(([name, value]) => name !== 'server' && name !== 'file' && value !== undefined && value !== false)
    if (extra.length > 0 || ctx.args.length > 0 || !flags.server) {
      throw new CoreError('INVALID_INPUT', 'elevated-reset takes only --server ID and --file PATH (the desktop app passes them). Nothing was changed.')
    }
    const k = await target(ctx)
    const result = await ctx.service.reset(k, { mode: 'service', onStep: (e) => write(stepLineOf(e)) })
    write(resultLineOf(result, ctx.service.env.backupDir))
    return 0
  } catch (error) {
    const e = toErr(error)
    write(errorLineOf(e.code, e.message))
    return 1
  }
}
