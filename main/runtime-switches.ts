/**
 * Everything that lets development, demo mode or tests swap a real part for a stand-in, in one
 * place, and all of it off in a packaged build: the dev server URL and demo mode (with its sandbox,
 * simulated server, plex.tv stand-in and stand-in programs). A release build ignores them.
 */
export interface RuntimeSwitches {
  /** electron-vite's dev server, instead of the built renderer. */
  readonly devUrl: string | null
  /** A sandboxed demo instead of this computer's servers. */
  readonly demo: boolean
}

export function runtimeSwitches(isPackaged: boolean, env: NodeJS.ProcessEnv, argv: readonly string[]): RuntimeSwitches {
  if (isPackaged) return { devUrl: null, demo: false }
  return { devUrl: env.ELECTRON_RENDERER_URL ?? null, demo: argv.includes('--demo') }
}
