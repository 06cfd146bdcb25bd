import { contextBridge, ipcRenderer } from 'electron'
import { EVENT_METHODS, INVOKE_METHODS, type Api } from './contract'

// One function per channel, each bound to its channel here: the page never names a channel,
// never sees ipcRenderer, and listeners get the payload without the IpcRendererEvent.
const api: Record<string, unknown> = {}
for (const [method, channel] of Object.entries(INVOKE_METHODS)) {
  api[method] = (payload?: unknown) => ipcRenderer.invoke(channel, payload)
}
for (const [method, channel] of Object.entries(EVENT_METHODS)) {
  api[method] = (listener: (payload: unknown) => void) => {
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(channel, wrapped)
    return () => {
      ipcRenderer.removeListener(channel, wrapped)
    }
  }
}

contextBridge.exposeInMainWorld('api', Object.freeze(api) as Api)
