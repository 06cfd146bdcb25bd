import { controlServer, describeObservation, observe } from '../../core/server/control'
import type { CliContext } from '../context'
import { printJson } from '../context'
import { describeAccount } from '../format'
import { chosenServer, timeoutOf } from '../server-target'

export async function statusCommand(ctx: CliContext): Promise<number> {
  const { installation, server } = await chosenServer(ctx)
  const o = await observe(ctx.host, server)
  const status = {
    id: installation.id,
    label: installation.label,
    running: o.answers,
    processAlive: o.processAlive,
    claimed: o.identity?.claimed ?? null,
    machineIdentifier: o.identity?.machineIdentifier ?? null,
    version: o.identity?.version ?? null,
    account: installation.account
  }
  if (ctx.flags.json) printJson(ctx, status)
  else {
    ctx.out(`${installation.id}  ${installation.label}`)
    ctx.out(`  server:     ${describeObservation(o)}${o.identity ? `, ${o.identity.claimed ? 'claimed' : 'unclaimed'}, version ${o.identity.version}` : ''}`)
    ctx.out(`  signed in:  ${describeAccount(installation.account)} (from its settings)`)
  }
  return 0
}

function controlCommandFor(verb: 'stop' | 'start') {
  return async (ctx: CliContext): Promise<number> => {
    const { installation, server } = await chosenServer(ctx)
    const o = await controlServer(ctx.host, server, verb, {
      timeoutMs: timeoutOf(ctx, 60_000),
      onProgress: ctx.flags.verbose ? (p) => ctx.out(`  ${(p.elapsedMs / 1000).toFixed(1)} s: ${describeObservation(p.observation)}`) : undefined
    })
    if (ctx.flags.json) printJson(ctx, { id: installation.id, running: o.answers, processAlive: o.processAlive })
    else ctx.out(`Plex Media Server ${verb === 'stop' ? 'has stopped' : 'is running'} (${installation.label}).`)
    return 0
  }
}

export const stopCommand = controlCommandFor('stop')
export const startCommand = controlCommandFor('start')
