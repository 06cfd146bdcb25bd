import type { CliContext } from '../context'
import { UsageError } from '../context'
import { SHELLS, completionScript, type Shell } from '../completion'
import { manPage } from '../man-page'

/** `plex-reclaim completion bash|zsh|fish|man`: the script (or the manual page) on stdout, nothing else touched. */
export async function completionCommand(ctx: CliContext): Promise<number> {
  const shell = ctx.args[0]
  if (shell === 'man') return ctx.out(manPage().trimEnd()), 0
  if (!SHELLS.includes(shell as Shell)) throw new UsageError(`completion takes one of ${SHELLS.join(', ')} (or man), not "${shell ?? ''}". For example: plex-reclaim completion bash`)
  ctx.out(completionScript(shell as Shell).trimEnd())
  return 0
}
