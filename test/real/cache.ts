import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * The folder the real-part tests own outside the clone, reused by later runs: root filesystems and
 * dockerd's data root (with its images) live here, keyed by what made them.
 */
export const CACHE_DIR = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'plex-reclaim-test')

/** A short, stable key for what a cached thing was made from. */
export const keyOf = (recipe: unknown): string => createHash('sha256').update(JSON.stringify(recipe)).digest('hex').slice(0, 12)

/**
 * The cached folder `name`, made by `make(tempDir)` the first time. The folder appears whole or not
 * at all (made under a temporary name, then renamed), so an interrupted build is never reused.
 */
export async function cachedDir(name: string, make: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(CACHE_DIR, name)
  if (existsSync(dir)) return dir
  mkdirSync(CACHE_DIR, { recursive: true })
  const temp = `${dir}.partial-${process.pid}`
  rmSync(temp, { recursive: true, force: true })
  try {
    await make(temp)
    renameSync(temp, dir)
  } catch (error) {
    rmSync(temp, { recursive: true, force: true })
    if (!existsSync(dir)) throw error
  }
  return dir
}
