import { detectInstallations } from '../../core/detect/index'
import type { CliContext } from '../context'
import { printJson } from '../context'
import { describeInstallation } from '../format'

export async function detectCommand(ctx: CliContext): Promise<number> {
  const found = await detectInstallations({ host: ctx.host, root: ctx.flags.root ?? '/', docker: !ctx.flags.root })
  if (ctx.flags.json) printJson(ctx, found)
  else if (found.length === 0) {
    const docker = ctx.flags.root ? null : await (await import('../../core/detect/containers')).dockerUnreachable(ctx.host)
    if (docker) ctx.out(docker)
    ctx.out('No Plex Media Server installation was found. If it runs in Docker or on a NAS share, point at its Preferences.xml: plex-reclaim inspect --file PATH')
  }
  else ctx.out(found.map(describeInstallation).join('\n\n'))
  return 0
}
