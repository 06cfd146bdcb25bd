import type { ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { PassThrough } from 'node:stream'
import { LocalHost } from '../../main/core/host/local'
import { handlePrivileged, type Scope } from '../../main/core/host/privileged-helper'
import { PrivilegedHost } from '../../main/core/host/privileged-host'
import { serve } from '../../main/core/host/privileged-serve'

/**
 * The privileged host with its helper served in this process, over the real frames and the real
 * routing (handlePrivileged: scope checks, owner workers), with the scope given here instead of
 * detected: for the Host conformance suite and unit tests. The real helper, started by real
 * pkexec, is test/real/elevated-run.real.test.ts.
 */
export function privilegedInProcess(scope: Scope): { host: PrivilegedHost; dispose(): void } {
  const host = new PrivilegedHost(new LocalHost(), {
    spawn: async () => {
      const stdin = new PassThrough()
      const stdout = new PassThrough()
      const stderr = new PassThrough()
      const child = Object.assign(new EventEmitter(), { stdin, stdout, stderr, kill: () => stdin.end() })
      void serve(stdin, stdout, (req) => handlePrivileged(scope, req)).then(() => {
        stdout.end()
        child.emit('close', 0)
      })
      return child as unknown as ChildProcess
    },
    endedEarly: () => new Error('the in-process helper ended before it was ready')
  })
  for (const root of scope.roots) host.addRoot(root)
  return { host, dispose: () => host.close() }
}
