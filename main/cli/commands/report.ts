import type { CliContext } from '../context'
import { printJson } from '../context'

/**
 * "Save a support report": one plain text file a forum helper can read (what it holds and leaves
 * out is said in its first lines). Written with --out FILE, else beside the backups.
 */
export async function reportCommand(ctx: CliContext): Promise<number> {
  const path = await ctx.service.saveReport({ surface: 'cli', out: ctx.flags.out, includeEmail: ctx.flags['include-email'], entry: ctx.entry })
  if (ctx.flags.json) printJson(ctx, { path })
  else {
    ctx.out(`Support report saved: ${path}`)
    ctx.out(`It holds no token, password or claim code${ctx.flags['include-email'] ? '' : ', and no e-mail address'}. Read it before you post it.`)
  }
  return 0
}
