import { createLoopbackApi, takeToken } from './loopback-api'

/** In Electron the preload has set window.api; in a browser the loopback bridge provides it. */
export function ensureApi(): void {
  if (typeof window.api !== 'undefined') return
  const token = takeToken(window.location, window.sessionStorage, window.history) ?? ''
  window.api = createLoopbackApi(token)
}
