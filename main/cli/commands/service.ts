import { describeAccountRef, describeObservation, type Diagnosis } from '../../app/index'
import type { CliContext } from '../context'
import { chosen, printJson, timeoutFlag } from '../context'
import { describeAccount } from '../format'
import type { SignInJson, StatusJson } from '../json'
import { describeOwnership, ownershipJson } from './claim'

const signInJson = (d: Diagnosis): SignInJson => (d.signIn.state === 'valid' ? { state: 'valid', username: d.signIn.account.username } : { state: d.signIn.state })

function describeDiagnosis(d: Diagnosis): string[] {
  const s = d.signIn
  const lines = [
    `  plex.tv:    ${
      s.state === 'valid'
        ? `accepts its token, for ${describeAccountRef(s.account)}: if you can sign in to Plex as that account, no reset is needed`
        : s.state === 'revoked'
          ? 'no longer accepts its token (revoked): a reset is needed'
          : s.state === 'claim-needed'
            ? 'its token is empty (as a revoked server may be left): it is signed in to no account and needs a claim'
          : `cannot tell (${s.reason === 'no-token' ? 'no token in its settings' : s.reason === 'unreadable' ? 'its settings cannot be read' : s.reason === 'unreachable' ? 'plex.tv did not answer' : 'plex.tv gave an unexpected answer'})`
    }`
  ]
  const a = d.localAccess
  if (a) {
    lines.push(
      `  local:      allowedNetworks is ${a.allowedNetworks.join(', ')}; the server sees this computer as ${a.seenAs.addresses.join(' or ')}: ${
        a.inside ? 'inside, so Plex Web opened from here may reach it without signing in, unless the owner\'s account has a PIN (Plex article 203948786)' : 'outside it'
      }`
    )
  }
  return lines
}

export async function statusCommand(ctx: CliContext): Promise<number> {
  const k = await chosen(ctx)
  const i = k.installation
  const [o, d, ownership] = await Promise.all([ctx.service.observe(k), ctx.service.diagnose(k), ctx.service.ownership(k.entry, k)])
  const status: StatusJson = {
    id: i.id,
    label: i.label,
    running: o?.answers ?? false,
    processAlive: o?.processAlive ?? false,
    claimed: o?.identity?.claimed ?? null,
    machineIdentifier: o?.identity?.machineIdentifier ?? null,
    version: o?.identity?.version ?? null,
    account: i.account,
    signIn: signInJson(d),
    ownership: ownershipJson(ownership)
  }
  if (ctx.flags.json) printJson(ctx, status)
  else {
    ctx.out(`${i.id}  ${i.label}`)
    ctx.out(`  server:     ${o ? describeObservation(o) : 'unknown'}${o?.identity ? `, ${o.identity.claimed ? 'claimed' : 'unclaimed'}, version ${o.identity.version}` : ''}`)
    ctx.out(`  signed in:  ${describeAccount(i.account)} (from its settings)`)
    for (const line of describeDiagnosis(d)) ctx.out(line)
    for (const line of ownership ? describeOwnership(ownership) : []) ctx.out(`  ${line}`)
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
