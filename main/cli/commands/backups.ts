import type { CliContext } from '../context'
import { printJson } from '../context'
import { describeBackup } from '../format'

export async function backupsCommand(ctx: CliContext): Promise<number> {
  const list = await ctx.service.listBackups()
  if (ctx.flags.json) printJson(ctx, list)
  else if (list.length === 0) ctx.out(`No backups in ${ctx.service.env.backupDir}.`)
  else ctx.out(list.map(describeBackup).join('\n'))
  return 0
}
