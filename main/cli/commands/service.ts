import { describeObservation } from '../../app/index'
import type { CliContext } from '../context'
import { chosen, printJson, timeoutFlag } from '../context'
import { describeAccount } from '../format'
import type { StatusJson } from '../json'

export async function statusCommand(ctx: CliContext): Promise<number> {
  const k = await chosen(ctx)
  const i = k.installation
  const o = await ctx.service.observe(k)
  const status: StatusJson = {
    id: i.id,
    label: i.label,
    running: o?.answers ?? false,
    processAlive: o?.processAlive ?? false,
    claimed: o?.identity?.claimed ?? null,
    machineIdentifier: o?.identity?.machineIdentifier ?? null,
    version: o?.identity?.version ?? null,
    account: i.account
  }
  if (ctx.flags.json) printJson(ctx, status)
  else {
    ctx.out(`${i.id}  ${i.label}`)
    ctx.out(`  server:     ${o ? describeObservation(o) : 'unknown'}${o?.identity ? `, ${o.identity.claimed ? 'claimed' : 'unclaimed'}, version ${o.identity.version}` : ''}`)
    ctx.out(`  signed in:  ${describeAccount(i.account)} (from its settings)`)
  }
  return 0
}

function controlCommandFor(verb: 'stop' | 'start') {
  return async (ctx: CliContext): Promise<number> => {
    const k = await chosen(ctx)
    const o = await ctx.service.control(k, verb, {
      timeoutMs: timeoutFlag(ctx.flags, 60_000),
      onProgress: ctx.flags.verbose ? (p) => ctx.out(`  ${(p.elapsedMs / 1000).toFixed(1)} s: ${describeObservation(p.observation)}`) : undefined
    })
    if (ctx.flags.json) printJson(ctx, { id: k.installation.id, running: o.answers, processAlive: o.processAlive })
    else ctx.out(`Plex Media Server ${verb === 'stop' ? 'has stopped' : 'is running'} (${k.installation.label}).`)
    return 0
  }
}

export const stopCommand = controlCommandFor('stop')
export const startCommand = controlCommandFor('start')
