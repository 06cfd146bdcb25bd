import { create } from 'zustand'
import type { AppInfo } from '../../../preload/contract'

export interface AppState {
  readonly info: AppInfo | null
  readonly error: { readonly code: string; readonly message: string } | null
  loadInfo(): Promise<void>
}

/** Actions call window.api; components only read state and call actions. */
export const useAppStore = create<AppState>()((set) => ({
  info: null,
  error: null,
  async loadInfo() {
    const result = await window.api.getAppInfo()
    if (result.ok) set({ info: result.value, error: null })
    else set({ error: { code: result.code, message: result.message } })
  }
}))
