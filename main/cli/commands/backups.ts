import type { CliContext } from '../context'
import { backupsOf, printJson } from '../context'
import { describeBackup } from '../format'

export async function backupsCommand(ctx: CliContext): Promise<number> {
  const store = backupsOf(ctx)
  const list = await store.list()
  if (ctx.flags.json) printJson(ctx, list)
  else if (list.length === 0) ctx.out(`No backups in ${store.dir}.`)
  else ctx.out(list.map(describeBackup).join('\n'))
  return 0
}
