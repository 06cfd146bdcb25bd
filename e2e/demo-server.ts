import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface DemoServer {
  readonly url: string
  readonly sandbox: string
  readonly backupDir: string
  /** The simulated server's local port. */
  readonly port: number
  stop(): Promise<void>
}

/** Starts the built demo (`out/node/demo.js`) and waits for the line that names its URL. */
export async function startDemo(args: readonly string[] = []): Promise<DemoServer> {
  const child: ChildProcess = spawn(process.execPath, ['out/node/demo.js', '--json', ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The demo did not start within 15 s')), 15_000)
    createInterface({ input: child.stdout! }).once('line', (l) => {
      clearTimeout(timer)
      resolve(l)
    })
    child.once('exit', (code) => reject(new Error(`The demo exited early with code ${code}`)))
  })
  const info = JSON.parse(line) as { url: string; sandbox: string; backupDir: string; port: number }
  return {
    ...info,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}
