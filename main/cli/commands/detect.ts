import type { CliContext } from '../context'
import { UsageError, printJson } from '../context'
import { describeAccount, describeInstallation, shown } from '../format'
import { detectJson, inspectJson } from '../json'

export async function detectCommand(ctx: CliContext): Promise<number> {
  const found = (await ctx.service.detect(ctx.entry, ctx.flags.root ?? '/')).map((k) => k.installation)
  if (ctx.flags.json) printJson(ctx, found.map(detectJson))
  else if (found.length === 0) {
    // A user who may not open Docker's socket is told so, not just "nothing found".
    const docker = ctx.flags.root ? null : await ctx.service.dockerProblem(ctx.entry)
    if (docker) ctx.out(docker)
    ctx.out('No Plex Media Server installation was found. If it runs in Docker or on a NAS share, point at its Preferences.xml: plex-reclaim inspect --file PATH')
  }
  else ctx.out(found.map(describeInstallation).join('\n\n'))
  return 0
}

export async function inspectCommand(ctx: CliContext): Promise<number> {
  if (!ctx.flags.file) throw new UsageError('inspect needs --file PATH (a Preferences.xml, a .plist or a .reg export).')
  const result = await ctx.service.inspectFile(ctx.flags.file, ctx.entry)
  if (ctx.flags.json) printJson(ctx, inspectJson(result))
  else {
    ctx.out(`${shown(result.path)} (${result.kind}, ${result.size} bytes)`)
    ctx.out(`  signed in:  ${describeAccount(result.account)}`)
    ctx.out(`  keys:       ${result.account.keysPresent.join(', ') || 'none of the four sign-in keys'}`)
    ctx.out(`  server id:  ${result.account.machineIdentifier ?? 'unknown'}`)
  }
  return 0
}
