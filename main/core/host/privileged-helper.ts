import { realpath, stat } from 'node:fs/promises'
import { dirname, join, posix } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { detectInstallations } from '../detect/index'
import type { Installation } from '../detect/types'
import { CoreError } from '../result'
import { controlCommand } from '../server/commands'
import { LocalHost } from './local'
import { actingOwner, workerFor } from './privileged-owner'
import type { Request } from './privileged-protocol'
import { executeOn, serve } from './privileged-serve'

/** Where the helper looks for the control programs: fixed, never the caller's PATH. */
const SAFE_PATH = ['/usr/sbin', '/usr/bin', '/sbin', '/bin']

export interface Scope {
  /** Data folders of the installations found as root (as detected and as resolved). */
  readonly roots: readonly string[]
  /** The exact commands that stop and start them. */
  readonly commands: ReadonlyArray<{ readonly program: string; readonly args: readonly string[] }>
}

/** What the helper may touch: the Linux settings files it finds itself, as root, and their control. */
export function scopeOf(found: readonly Installation[], resolved: ReadonlyMap<string, string>): Scope {
  const mine = found.filter((i) => i.host.kind === 'local' && i.store.kind === 'preferences-xml' && i.platform === 'linux')
  const roots = new Set<string>()
  const commands: Array<{ program: string; args: string[] }> = []
  for (const i of mine) {
    const dir = i.store.kind === 'preferences-xml' ? i.store.dataDir : i.dataDir
    roots.add(dir)
    const real = resolved.get(dir)
    if (real) roots.add(real)
    for (const verb of ['stop', 'start'] as const) {
      const c = controlCommand(i.control, verb)
      if (c && (c.program === 'systemctl' || c.program === 'service')) commands.push(c)
    }
  }
  return { roots: [...roots], commands }
}

export async function detectScope(): Promise<Scope> {
  const found = await detectInstallations({ host: new LocalHost(), root: '/', env: {}, docker: false, registry: false })
  const resolved = new Map<string, string>()
  for (const i of found) {
    if (i.store.kind !== 'preferences-xml') continue
    const dir = i.store.dataDir
    resolved.set(dir, await realpath(dir).catch(() => dir)) // a folder that does not resolve is compared as given
  }
  return scopeOf(found, resolved)
}

const outside = (what: string): CoreError => new CoreError('NOT_PERMITTED', `${what} is outside the Plex Media Server installations that Plex Reclaim's privileged helper found on this computer, so it was refused.`)

/** A path is in scope when, written plainly (no "..", no doubled slash), it is a root or inside one. */
export function inScope(scope: Scope, path: string): boolean {
  if (posix.normalize(path) !== path || !path.startsWith('/')) return false
  return scope.roots.some((root) => path === root || path.startsWith(`${root}/`))
}

async function programPath(program: string): Promise<string | null> {
  for (const dir of SAFE_PATH) {
    const candidate = join(dir, program)
    const info = await stat(candidate).catch(() => null)
    // Only a root-owned program that nobody else may change.
    if (info?.isFile() && info.uid === 0 && !(info.mode & 0o022)) return candidate
  }
  return null
}

/** One request, as root: checked against the scope, then done by the folder's owner where there is one. */
export async function handlePrivileged(scope: Scope, req: Request, root: LocalHost = new LocalHost()): Promise<unknown> {
  if (req.op === 'exec') {
    const allowed = scope.commands.some((c) => c.program === req.program && c.args.length === req.args.length && c.args.every((a, i) => a === req.args[i]))
    if (!allowed) throw outside(`The command ${[req.program, ...req.args].join(' ')}`)
    const program = await programPath(req.program)
    if (!program) return { exitCode: null, stdout: '', stderr: `${req.program} was not found`, notFound: true, timedOut: false }
    const r = await root.exec(program, req.args, { timeoutMs: req.timeoutMs, env: { PATH: SAFE_PATH.join(':'), LANG: 'C.UTF-8' } })
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, notFound: r.notFound, timedOut: r.timedOut }
  }
  const paths = req.op === 'rename' ? [req.path, req.to] : [req.path]
  for (const p of paths) if (!inScope(scope, p)) throw outside(p)
  // Reads too: a link the folder's owner swaps in must not show root's files to the app.
  const owners = await Promise.all(paths.map((p) => actingOwner(dirname(p))))
  const [owner] = owners
  if (owners.some((o) => (o?.uid ?? 0) !== (owner?.uid ?? 0))) throw new CoreError('NOT_PERMITTED', `${req.path} and the rename's target have different owners; nothing was renamed.`)
  if (!owner) return executeOn(root, req)
  const { id: _id, ...body } = req
  return workerFor(owner).request(body)
}

/**
 * The helper's life: find the installations, say ready, serve until the app's side closes stdin.
 * Nothing is read from the environment or the arguments.
 */
export async function servePrivileged(input: Readable, output: Writable): Promise<void> {
  const scope = await detectScope()
  const root = new LocalHost()
  await serve(input, output, (req) => handlePrivileged(scope, req, root))
}
