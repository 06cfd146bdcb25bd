import { INVOKE_CHANNELS } from '../../preload/contract'
import { dispatch, type HandlerTable } from './dispatch'
import type { SenderLike, TrustedSenders } from './trusted-senders'

export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderLike, payload: unknown) => unknown): void
}

/**
 * Registers every invoke channel of the contract. The sender is checked synchronously, first;
 * an untrusted message is dropped (the handler never runs, nothing is said back) and logged.
 */
export function registerIpc(ipcMain: IpcMainLike, table: HandlerTable, senders: TrustedSenders, log: (line: string) => void): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, payload) => {
      if (!senders.isTrusted(event)) {
        log(`Dropped ${channel} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`)
        return undefined
      }
      return dispatch(table, channel, payload)
    })
  }
}
