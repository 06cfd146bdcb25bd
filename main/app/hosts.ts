import { describeHost, hostKey, type HostRef } from '../core/host/host-ref'
import type { Host } from '../core/host/types'
import { CoreError } from '../core/result'

/** A machine the service can act on, and the local port that reaches its server's API. */
export interface HostEntry {
  readonly host: Host & { close?: () => void }
  readonly apiPort: number
}

/**
 * The machines this session is connected to: this computer and servers over SSH. A journal or a
 * manifest names its host; acting on it needs that very host, never another one at the same path.
 */
export class HostRegistry {
  private readonly remotes = new Map<string, HostEntry>()

  constructor(private readonly localEntry: HostEntry) {}

  get local(): HostEntry {
    return this.localEntry
  }

  /** Adds a connected host, closing an older session to the same server. */
  add(entry: HostEntry): HostEntry {
    const key = hostKey(entry.host.ref)
    if (key === 'local') return this.localEntry
    const old = this.remotes.get(key)
    if (old && old.host !== entry.host) old.host.close?.()
    this.remotes.set(key, entry)
    return entry
  }

  /** The host a journal or manifest belongs to; a server over SSH must be connected first. */
  get(ref: HostRef): HostEntry {
    if (ref.kind === 'local') return this.localEntry
    const found = this.remotes.get(hostKey(ref))
    if (!found) {
      throw new CoreError('HOST_NOT_CONNECTED', `This belongs to ${describeHost(ref)}, which is not connected. Connect to it first (in the CLI: --host ${describeHost(ref)}); nothing was changed.`)
    }
    return found
  }

  all(): HostEntry[] {
    return [this.localEntry, ...this.remotes.values()]
  }

  /** Closes every SSH session and its port forwards. */
  dispose(): void {
    for (const r of this.remotes.values()) r.host.close?.()
    this.remotes.clear()
  }
}
