import { INVOKE_CHANNELS, type ApiResult, type InvokeChannel, type PayloadOf, type ResultOf } from '../../preload/contract'
import { err, toErr } from '../app/index'
import { PAYLOAD_SCHEMAS } from './schemas'

export type HandlerTable = { readonly [C in InvokeChannel]: (payload: PayloadOf<C>) => Promise<ResultOf<C>> }

export const isInvokeChannel = (name: unknown): name is InvokeChannel =>
  typeof name === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(name)

/**
 * The one entry from outside into the handlers, for Electron IPC and the loopback bridge alike:
 * known channel, payload of the right shape, then the handler; every outcome is a typed result.
 */
export async function dispatch(table: HandlerTable, channel: unknown, payload: unknown): Promise<ApiResult<unknown>> {
  if (!isInvokeChannel(channel)) return err('UNKNOWN_CHANNEL', 'That request is not part of this version of Plex Reclaim.')
  const parsed = PAYLOAD_SCHEMAS[channel].safeParse(payload)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : ''
    return err('INVALID_INPUT', `The request ${channel} was malformed${where}: ${issue?.message ?? 'wrong shape'}.`)
  }
  try {
    const handler = table[channel] as (p: unknown) => Promise<unknown>
    return { ok: true, value: await handler(parsed.data) }
  } catch (error) {
    return toErr(error)
  }
}
