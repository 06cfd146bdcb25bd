import { spawn, type ChildProcess } from 'node:child_process'
import { openSync } from 'node:fs'

/**
 * Process handling for the real-part fixtures. Everything a fixture starts is stopped by its pid,
 * also when a test fails; `stopAtExit` is the last resort should the worker end before the
 * fixture's own dispose ran.
 */
export interface Ran {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs a program (no shell) and collects its output; never rejects. A timeout kills it (code null). */
export function run(program: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(program, [...args], { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({ code: null, stdout, stderr: `${stderr}${error.message}` })
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
    child.stdin.on('error', () => undefined) // a program that exits without reading its input
    child.stdin.end(options.input ?? '')
  })
}

/** Runs a program and throws with its output when it fails. */
export async function must(program: string, args: readonly string[], options: Parameters<typeof run>[2] = {}): Promise<string> {
  const r = await run(program, args, options)
  if (r.code !== 0) throw new Error(`${program} ${args.join(' ')} failed (exit ${r.code}):\n${r.stderr || r.stdout}`)
  return r.stdout
}

const pending = new Set<number>()
let hooked = false

/** Kills the pid with SIGKILL when this process exits, unless `forget` was called first. */
export function stopAtExit(pid: number): () => void {
  pending.add(pid)
  if (!hooked) {
    hooked = true
    process.once('exit', () => {
      for (const p of pending) {
        try {
          process.kill(p, 'SIGKILL')
        } catch {
          // already gone
        }
      }
    })
  }
  return () => void pending.delete(pid)
}

/** Starts a long-running program in the background, its output to a log file. */
export function background(program: string, args: readonly string[], logFile: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const log = openSync(logFile, 'a')
  const child = spawn(program, [...args], { stdio: ['ignore', log, log], env })
  // Forgotten once it has exited: a pid that may be reused is never signalled.
  if (child.pid) child.once('exit', stopAtExit(child.pid))
  return child
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Waits for a child to exit; SIGKILL after timeoutMs. */
export async function waitExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const timer = setTimeout(() => child.pid && alive(child.pid) && process.kill(child.pid, 'SIGKILL'), timeoutMs)
  await exited
  clearTimeout(timer)
}

/** Polls until check() returns a value (not undefined), or throws after timeoutMs with the last state. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000, pollMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await sleep(pollMs)
  }
}
