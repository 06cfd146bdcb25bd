import { inspectSettingsFile } from '../../core/stores/inspect-file'
import type { CliContext } from '../context'
import { UsageError, printJson } from '../context'
import { describeAccount } from '../format'

export async function inspectCommand(ctx: CliContext): Promise<number> {
  if (!ctx.flags.file) throw new UsageError('inspect needs --file PATH (a Preferences.xml, a .plist or a .reg export).')
  const result = await inspectSettingsFile(ctx.host, ctx.flags.file)
  if (ctx.flags.json) printJson(ctx, result)
  else {
    ctx.out(`${result.path} (${result.kind}, ${result.size} bytes)`)
    ctx.out(`  signed in:  ${describeAccount(result.account)}`)
    ctx.out(`  keys:       ${result.account.keysPresent.join(', ') || 'none of the four sign-in keys'}`)
    ctx.out(`  server id:  ${result.account.machineIdentifier ?? 'unknown'}`)
  }
  return 0
}
