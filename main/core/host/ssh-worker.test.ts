import { spawn } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { readdirSync } from 'node:fs'
import { PassThrough } from 'node:stream'
import type { ClientChannel } from 'ssh2'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/temp'
import { WORKER_SCRIPT, SshWorker } from './ssh-worker'

/** The worker's script under this machine's sh, behind the few parts of a channel it uses. */
function localWorker(tmp: string): { stream: ClientChannel; exited: Promise<void> } {
  const child = spawn('sh', ['-c', WORKER_SCRIPT], { env: { ...process.env, TMPDIR: tmp }, stdio: ['pipe', 'pipe', 'pipe'] })
  const stream = Object.assign(child.stdout, {
    stderr: child.stderr,
    write: (b: Buffer) => child.stdin.write(b),
    close: () => child.stdin.end()
  })
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()))
  return { stream: stream as unknown as ClientChannel, exited }
}

/** The output of a run that must have answered. */
const out = (r: Awaited<ReturnType<SshWorker['run']>>): string => (r === 'lost' ? 'lost' : r.stdout.toString())

/** A "server" that says what it likes: its first line at once, the rest once asked. */
function scripted(first: string, ...answer: string[]): ClientChannel {
  const say = (lines: string[]) => setImmediate(() => lines.forEach((l) => stream.emit('data', l)))
  const stream = Object.assign(new EventEmitter(), { stderr: new PassThrough(), setEncoding: () => undefined, write: () => void say(answer), close: () => stream.emit('close') })
  say([first])
  return stream as unknown as ClientChannel
}

const ended: Array<() => void> = []
afterEach(() => ended.splice(0).forEach((end) => end()))

describe('the command worker (one sh for many commands)', () => {
  const start = async () => {
    const tmp = tempDir('worker')
    const { stream, exited } = localWorker(tmp)
    const worker = new SshWorker(stream)
    ended.push(() => worker.end())
    expect(await worker.usable()).toBe(true)
    return { worker, tmp, exited }
  }

  it('hands back every byte, standard error apart, and the exit status', async () => {
    const { worker } = await start()
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
    const r = await worker.run(`cat; echo 'to stderr' >&2; exit 7`, all, 5_000)
    expect(r).toEqual({ code: 7, stdout: all, stderr: 'to stderr\n', timedOut: false })
    expect(await worker.run('true', undefined, 5_000)).toEqual({ code: 0, stdout: Buffer.alloc(0), stderr: '', timedOut: false })
  })

  it('gives each command exactly its input: what one leaves unread never reaches the next', async () => {
    const { worker } = await start()
    expect(out(await worker.run('head -c 2', Buffer.from('abcdef'), 5_000))).toBe('ab')
    expect(out(await worker.run('echo unread', Buffer.from('x'.repeat(10_000)), 5_000))).toBe('unread\n')
    expect(out(await worker.run('cat', Buffer.from('next\n'), 5_000))).toBe('next\n')
    // The line's own trailing newlines and quotes arrive as sent.
    expect(out(await worker.run(`printf '%s|' "it's" 'a b'\n\n`, undefined, 5_000))).toBe("it's|a b|")
  })

  it('a command whose status was never recorded is lost, never given the status of the one before', async () => {
    const { worker } = await start()
    expect(await worker.run('exit 5', undefined, 5_000)).toMatchObject({ code: 5 })
    // Its parent (the subshell that records the status) killed before it could record one.
    expect(await worker.run('kill -9 $PPID', undefined, 5_000)).toBe('lost')
  })

  it('a command past its time is a timeout, the worker ends and leaves no folder behind', async () => {
    const { worker, tmp, exited } = await start()
    expect(readdirSync(tmp)).toHaveLength(1)
    expect(await worker.run('sleep 1', undefined, 200)).toMatchObject({ code: null, timedOut: true })
    expect(worker.idle).toBe(false)
    expect(await worker.run('true', undefined, 5_000)).toBe('lost')
    await exited
    expect(readdirSync(tmp)).toEqual([])
  })

  it('an answer not in its form is never read as one: the command is lost and the worker ends', async () => {
    const worker = new SshWorker(scripted('ready\n', 'o 41 42\n', 'exit 0\n'))
    expect(await worker.usable()).toBe(true)
    expect(await worker.run('anything', undefined, 5_000)).toBe('lost')
    expect(worker.idle).toBe(false)
    for (const start of ['nope\n', 'o 41\n']) expect(await new SshWorker(scripted(start)).usable()).toBe(false)
  })
})
