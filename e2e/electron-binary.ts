import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const electronDir = join(process.cwd(), 'node_modules', 'electron')

/**
 * Where Electron's binary is, without requiring 'electron' (that would start its download).
 * Returns null where none was fetched, as on machines without access to Electron's releases.
 */
export function electronBinary(): string | null {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const exe = readFileSync(pathFile, 'utf8')
  const full = process.env.ELECTRON_OVERRIDE_DIST_PATH ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, exe) : join(electronDir, 'dist', exe)
  return existsSync(full) ? full : null
}

export const NO_ELECTRON_REASON =
  "Electron's binary is not installed (node_modules/electron/path.txt is missing): it is downloaded from Electron's releases on first run, which this machine cannot reach."
