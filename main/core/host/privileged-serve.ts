import type { Readable, Writable } from 'node:stream'
import { CoreError } from '../result'
import { writeFrame } from './privileged-channel'
import { FrameReader, requestSchema, toFailure, type Request } from './privileged-protocol'
import type { Host } from './types'

/** One request carried out on a host; the answer as the protocol sends it (bytes as base64). */
export async function executeOn(host: Host, req: Request): Promise<unknown> {
  switch (req.op) {
    case 'readFile':
      return (await host.readFile(req.path, { maxBytes: req.maxBytes, noFollow: req.noFollow })).toString('base64')
    case 'lstat':
      return host.lstat(req.path)
    case 'stat':
      return host.stat(req.path)
    case 'realpath':
      return host.realpath(req.path)
    case 'readdir':
      return host.readdir(req.path)
    case 'canWrite':
      return host.canWrite(req.path)
    case 'freeBytes':
      return host.freeBytes(req.path)
    case 'syncDir':
      return host.syncDir(req.path).then(() => null)
    case 'remove':
      return host.remove(req.path).then(() => null)
    case 'mkdir':
      return host.mkdir(req.path, req.mode).then(() => null)
    case 'writeFileAtomic':
      return host.writeFileAtomic(req.path, Buffer.from(req.data, 'base64'), { mode: req.mode, uid: req.uid, gid: req.gid, allowOwnerChange: req.allowOwnerChange }).then(() => null)
    case 'writeNewFile':
      return host.writeNewFile(req.path, Buffer.from(req.data, 'base64'), req.mode).then(() => null)
    case 'rename':
      return host.rename(req.path, req.to).then(() => null)
    case 'exec': {
      const r = await host.exec(req.program, req.args, { timeoutMs: req.timeoutMs })
      return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, notFound: r.notFound, timedOut: r.timedOut }
    }
  }
}

/**
 * Serves requests from input until it ends, one at a time and in order, each answered by handle
 * (or its error). Says ready first. A frame that cannot be read ends the serving at once: nothing
 * after it is trusted.
 */
export function serve(input: Readable, output: Writable, handle: (req: Request) => Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    let queue = Promise.resolve()
    const reader = new FrameReader<Request>(requestSchema, (req) => {
      queue = queue.then(async () => {
        try {
          writeFrame(output, { type: 'ok', id: req.id, value: await handle(req) })
        } catch (error) { // sent back as a typed failure
          writeFrame(output, { type: 'error', id: req.id, error: toFailure(error) })
        }
      })
    })
    const finish = (): void => {
      input.removeAllListeners('data')
      void queue.then(resolve)
    }
    input.on('data', (chunk: Buffer) => {
      if (reader.push(chunk)) {
        input.destroy()
        finish()
      }
    })
    input.once('end', finish)
    input.once('error', finish)
    writeFrame(output, { type: 'ready', pid: process.pid })
  })
}

/** A worker never runs a program: it only touches files, as the user it became. */
export const refuseExec = (): never => {
  throw new CoreError('NOT_PERMITTED', 'A worker acting as a folder\'s owner runs no programs.')
}
