import { detectInstallations, inspectPath } from '../core/detect/index'
import type { Installation } from '../core/detect/types'
import type { Journal } from '../core/engine/journal'
import { sameHost } from '../core/host/host-ref'
import { storeFor } from '../core/stores/store-for'
import { CoreError } from '../core/result'
import { describeTarget } from '../core/stores/types'
import type { StoreTarget } from '../core/stores/types'
import type { AppEnvironment } from './environment'
import type { HostEntry, HostRegistry } from './hosts'

/** An installation and the host it was found on: the renderer and the CLI name it by id only. */
export interface Known {
  readonly installation: Installation
  readonly entry: HostEntry
  /** Where it came from: detection, or a file the user pointed at (re-derived the same way later). */
  readonly file: string | null
}

export const sameStore = (a: StoreTarget, b: StoreTarget): boolean => a.kind === b.kind && describeTarget(a) === describeTarget(b)

/** Installations by id, each remembering its host; ids include the host, so none overwrite another. */
export class Installations {
  private readonly known = new Map<string, Known>()

  constructor(
    private readonly env: AppEnvironment,
    private readonly hosts: HostRegistry
  ) {}

  private remember(list: readonly Installation[], entry: HostEntry, file: string | null = null): Known[] {
    return list.map((installation) => {
      const k = { installation, entry, file }
      this.known.set(installation.id, k)
      return k
    })
  }

  async detect(entry: HostEntry = this.hosts.local, root = this.env.root): Promise<Known[]> {
    const list = await detectInstallations({ host: entry.host, root, docker: this.env.docker && root === '/' })
    return this.remember(list, entry)
  }

  async inspect(path: string, entry: HostEntry = this.hosts.local): Promise<Known> {
    return this.remember([await inspectPath(entry.host, path)], entry, path)[0]!
  }

  /** Every installation found so far, on every host. */
  all(): Known[] {
    return [...this.known.values()]
  }

  get(id: string): Known {
    const found = this.known.get(id)
    if (!found) throw new CoreError('NOT_FOUND', `No installation with id ${id}. Run "plex-reclaim detect" (or go back to "Find your server") and choose it again.`)
    return found
  }

  /** The only one found, or the one named; a clear message when that is ambiguous. */
  choose(list: readonly Known[], id: string | undefined): Known {
    if (id) {
      const match = list.find((k) => k.installation.id === id)
      if (!match) throw new CoreError('NOT_FOUND', `No installation with id ${id}. Run "plex-reclaim detect" to list them.`)
      return match
    }
    if (list.length === 1) return list[0]!
    if (list.length === 0) throw new CoreError('NOT_FOUND', 'No Plex Media Server installation was found. Point at its Preferences.xml with --file, or pass --root.')
    throw new CoreError('INVALID_INPUT', `${list.length} installations were found. Choose one with --server ID (run "plex-reclaim detect" to list them).`)
  }

  /**
   * The installation a journal names, found again on its own host by detection (or from its file):
   * its control programs come from that, never from the journal, and its store must be the same.
   */
  async forJournal(journal: Journal): Promise<Known> {
    const entry = this.hosts.get(journal.host)
    const found = journal.source.kind === 'file' ? [await this.inspect(journal.source.path, entry)] : await this.detect(entry)
    // By the settings it changed (an installation is its host and settings location): a journal
    // written under an older id of the same file is still found.
    const match = found.find((k) => sameStore(k.installation.store, journal.store))
    if (!match || !sameStore(match.installation.store, journal.store) || !sameHost(match.installation.host, journal.host)) {
      throw new CoreError('NOT_FOUND', `The server of run ${journal.runId} (${describeTarget(journal.store)}) is no longer found on ${entry.host.name}. Nothing was changed.`)
    }
    return match
  }

  /** allowOwnerChange: --force lets an edit go ahead although the file's group cannot be kept. */
  storeOf(k: Known, options: { allowOwnerChange?: boolean } = {}) {
    return storeFor(k.entry.host, k.installation.store, options)
  }
}
