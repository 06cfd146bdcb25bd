import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
// @ts-expect-error: plain .mjs shared with build.mjs
import { NODE_VERSION, cacheDir } from './node-binaries.mjs'

// Test support for the release CLI: builds dist/cli once per bundle (build.mjs keeps a key and a
// lock, so the test files that need it may all call this), then names its files.

const root = join(import.meta.dirname, '..', '..')
export const DIST_CLI = join(root, 'dist', 'cli')

export interface BuiltCli {
  dir: string
  /** file name → sha256, from SHA256SUMS */
  sums: Map<string, string>
  file(suffix: 'linux-x64' | 'linux-arm64' | 'win-x64.exe' | 'tgz'): string
}

export function buildCli(): BuiltCli {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'dist-cli', 'build.mjs')], { cwd: root, encoding: 'utf8', timeout: 600_000 })
  if (r.status !== 0) throw new Error(`npm run dist:cli failed (exit ${r.status ?? r.signal}):\n${r.stderr}`)
  const sums = new Map(
    readFileSync(join(DIST_CLI, 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [sum, name] = line.split(/\s+/)
        return [name!, sum!] as const
      })
  )
  return {
    dir: DIST_CLI,
    sums,
    file(suffix) {
      const name = [...sums.keys()].find((n) => (suffix === 'tgz' ? /^plex-reclaim-[\d.]+\.tgz$/.test(n) : n.endsWith(`-${suffix}`)))
      if (!name) throw new Error(`dist/cli has no ${suffix} file`)
      return join(DIST_CLI, name)
    }
  }
}

export const sha256File = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

/** The release bundle (the SEA's main script), as build.mjs left it. */
export const releaseBundle = (): Buffer => readFileSync(join(root, 'out', 'cli-release', 'plex-reclaim.cjs'))

/** The version that package.json gives. */
export const appVersion = (): string => (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version

/** qemu for arm64 and the arm64 loader from Debian's multiarch libc6:arm64 (.ci/run installs both). */
export const QEMU_AARCH64 = '/usr/bin/qemu-aarch64-static'
export const ARM64_LOADER = '/lib/ld-linux-aarch64.so.1'
export const arm64Ready = (): boolean => existsSync(QEMU_AARCH64) && existsSync(ARM64_LOADER)

/** `env -i PROGRAM ARGS` in cwd: an empty environment, so no node (nor anything else) on PATH. */
export function runEmpty(cwd: string, program: string[], args: string[]) {
  const r = spawnSync('/usr/bin/env', ['-i', ...program, ...args], { cwd, encoding: 'utf8', timeout: 120_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** The one Node version of every executable (and of the Node that builds). */
export const TARGET_NODE_VERSION = NODE_VERSION as string

/**
 * The Windows executable's own Wine prefix in the cache outside the clone (about 700 MB, made once
 * by test/real/wine.ts ensurePrefix, Windows 10), apart from the registry tests' prefix.
 */
export const winePrefix = (): string => join(cacheDir() as string, 'wine-prefix-cli')
