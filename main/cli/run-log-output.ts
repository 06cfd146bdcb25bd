import type { CliContext } from './context'

/** --verbose: the run's log (steps, timings, outcomes, exit codes; never a token) on stdout. */
export async function printLog(ctx: CliContext, path: string): Promise<void> {
  if (!ctx.flags.verbose || ctx.flags.json) return
  const text = (await ctx.local.readFile(path).catch(() => Buffer.from(''))).toString('utf8').trimEnd()
  if (text) ctx.out(`--- run log (${path})\n${text}`)
}
