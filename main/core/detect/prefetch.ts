import type { NetworkCheck } from '../host/network-check'
import type { Facts, PathFacts } from '../host/ssh-facts'
import type { ExecOptions, ExecResult, FileInfo, Host, WriteOptions } from '../host/types'

/** A host that answers many file questions in one exchange (SSH). */
export interface FactsHost extends Host {
  facts(paths: readonly string[], options?: { docker?: boolean; children?: number }): Promise<Facts>
}

export const answersInBatches = (host: Host): host is FactsHost => typeof (host as Partial<FactsHost>).facts === 'function'

const MAX_ROUNDS = 6

/** full: asked for itself, so every question about it has its answer (else listed with its folder). */
type Known = PathFacts & { readonly full: boolean }
const DOCKER_PS = ['ps', '-aq', '--no-trunc']
const enoent = (path: string): NodeJS.ErrnoException => Object.assign(new Error(path), { code: 'ENOENT' })

/**
 * Read-only work (detection, inspecting a path) over a host that answers in batches, in a few
 * exchanges instead of one per question. The work runs here against what is known so far; every
 * question not yet answered is noted and answered "not there" for now. If anything was missing,
 * all of it is fetched in one exchange and the work runs again, until a run needed nothing new.
 * Only that run's outcome counts, so every answer it saw is real. The rules stay where they are.
 */
export async function withPrefetch<T>(host: FactsHost, work: (host: Host) => Promise<T>): Promise<T> {
  const known = new Map<string, Known>()
  let docker: Facts['docker'] | null = null
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const view = new FactsView(host, known, docker)
    let outcome: { ok: true; value: T } | { ok: false; error: unknown }
    try {
      outcome = { ok: true, value: await work(view) }
    } catch (error) { // kept as the outcome: the consumer rethrows it
      outcome = { ok: false, error }
    }
    if (view.misses.size === 0 && !view.dockerMissed) {
      if (outcome.ok) return outcome.value
      throw outcome.error
    }
    const asked = [...view.misses]
    const facts = await host.facts(asked, { docker: view.dockerMissed, children: 64 })
    // A folder's entries come along with fewer facts; they never replace a full answer.
    for (const [path, f] of facts.paths) {
      const full = asked.includes(path)
      if (full || !known.has(path)) known.set(path, { ...f, full })
    }
    for (const path of asked) if (!facts.paths.has(path)) known.set(path, { lstat: null, full: true })
    if (view.dockerMissed) docker = facts.docker ?? { ps: { code: 127, stdout: '' } }
  }
  return work(host)
}

class FactsView implements Host {
  readonly kind: Host['kind']
  readonly name: string
  readonly ref: Host['ref']
  readonly platform: NodeJS.Platform
  readonly misses = new Set<string>()
  dockerMissed = false

  constructor(
    private readonly real: FactsHost,
    private readonly known: ReadonlyMap<string, Known>,
    private readonly docker: Facts['docker'] | null
  ) {
    this.kind = real.kind
    this.name = real.name
    this.ref = real.ref
    this.platform = real.platform
  }

  /** The facts of a path if they answer the question, else noted as missing. */
  private facts(path: string, answered: (f: Known) => boolean): Known | null {
    const f = this.known.get(path)
    if (f && (f.full || answered(f))) return f
    this.misses.add(path)
    return null
  }

  private info(path: string, which: 'lstat' | 'stat'): FileInfo | null {
    const v = this.facts(path, (f) => f[which] !== undefined)?.[which]
    if (v instanceof Error) throw v
    return v ?? null
  }

  async lstat(path: string): Promise<FileInfo | null> {
    return this.info(path, 'lstat')
  }

  async stat(path: string): Promise<FileInfo | null> {
    return this.info(path, 'stat')
  }

  async readdir(path: string): Promise<string[]> {
    const f = this.facts(path, (x) => x.names !== undefined || x.lstat === null)
    if (f?.names instanceof Error) {
      if (f.names.code === 'ENOENT') return [] // as the hosts do (the Host contract: unreadable is EACCES)
      throw f.names
    }
    return f?.names ?? []
  }

  async readFile(path: string): Promise<Buffer> {
    // Entries listed with their folder carry small files only: a larger one is asked for itself.
    const f = this.facts(path, (x) => x.content !== undefined || x.lstat === null)
    if (!f || f.lstat === null) throw enoent(path)
    if (f.lstat instanceof Error) throw f.lstat
    if (f.content instanceof Error) throw f.content
    if (f.content) return f.content
    return this.real.readFile(path)
  }

  async realpath(path: string): Promise<string> {
    const f = this.facts(path, (x) => x.lstat === null)
    if (!f || f.realpath === undefined) throw enoent(path)
    if (f.realpath instanceof Error) throw f.realpath
    return f.realpath
  }

  async exec(program: string, args: readonly string[], options?: ExecOptions): Promise<ExecResult> {
    if (program !== 'docker') return this.real.exec(program, args, options)
    const asPs = args.length === DOCKER_PS.length && args.every((a, i) => a === DOCKER_PS[i])
    if (asPs && !this.docker) {
      this.dockerMissed = true
      return { exitCode: 1, stdout: '', stderr: '', notFound: false, timedOut: false }
    }
    const ids = this.docker?.ps.stdout.split(/\s+/).filter(Boolean) ?? []
    const reply = asPs ? this.docker?.ps : args[0] === 'inspect' && args.slice(1).join(' ') === ids.join(' ') ? this.docker?.inspect : undefined
    if (!reply) return this.real.exec(program, args, options)
    return { exitCode: reply.code, stdout: reply.stdout, stderr: '', notFound: reply.code === 127, timedOut: false }
  }

  // Everything else is not part of read-only work; it goes to the real host.
  mkdir = (path: string, mode?: number): Promise<void> => this.real.mkdir(path, mode)
  writeFileAtomic = (path: string, data: Buffer, options?: WriteOptions): Promise<void> => this.real.writeFileAtomic(path, data, options)
  writeNewFile = (path: string, data: Buffer, mode: number): Promise<void> => this.real.writeNewFile(path, data, mode)
  canWrite = (path: string): Promise<boolean> => this.real.canWrite(path)
  freeBytes = (path: string): Promise<number | null> => this.real.freeBytes(path)
  syncDir = (path: string): Promise<void> => this.real.syncDir(path)
  makeTempDir = (prefix: string): Promise<string> => this.real.makeTempDir(prefix)
  rename = (from: string, to: string): Promise<void> => this.real.rename(from, to)
  remove = (path: string): Promise<void> => this.real.remove(path)
  processAlive = (pid: number): Promise<boolean> => this.real.processAlive(pid)
  spawnDetached = (program: string, args: readonly string[]): Promise<void> => this.real.spawnDetached(program, args)
  which = (program: string): Promise<string | null> => this.real.which(program)
  network = (url: string | undefined): Promise<NetworkCheck> => this.real.network(url)
}
