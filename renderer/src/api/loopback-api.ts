import { EVENT_METHODS, INVOKE_METHODS, type Api, type ApiResult } from '../../../preload/contract'

const TOKEN_KEY = 'plex-reclaim-token'

/** The token arrives in the URL fragment; keep it for reloads and take it out of the address bar. */
export function takeToken(location: Location, storage: Storage, history: History): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token')
  if (fromHash) {
    storage.setItem(TOKEN_KEY, fromHash)
    history.replaceState(null, '', location.pathname + location.search)
    return fromHash
  }
  return storage.getItem(TOKEN_KEY)
}

/**
 * window.api over the loopback bridge, so the same renderer runs in any browser. Same methods,
 * same results as the preload's; events arrive as Server-Sent Events.
 */
export function createLoopbackApi(token: string, base = ''): Api {
  const api: Record<string, unknown> = {}
  for (const [method, channel] of Object.entries(INVOKE_METHODS)) {
    api[method] = async (payload?: unknown): Promise<ApiResult<unknown>> => {
      try {
        const res = await fetch(`${base}/api/invoke/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ payload })
        })
        return (await res.json()) as ApiResult<unknown>
      } catch {
        return { ok: false, code: 'BRIDGE_UNREACHABLE', message: 'Plex Reclaim is not answering. Start it again (npm run demo) and reload this page.' }
      }
    }
  }
  let source: EventSource | null = null
  for (const [method, channel] of Object.entries(EVENT_METHODS)) {
    api[method] = (listener: (payload: unknown) => void) => {
      source ??= new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`)
      const wrapped = (e: MessageEvent<string>): void => listener(JSON.parse(e.data))
      source.addEventListener(channel, wrapped)
      return () => source?.removeEventListener(channel, wrapped)
    }
  }
  return Object.freeze(api) as Api
}
