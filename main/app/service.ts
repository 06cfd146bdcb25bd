import { join } from 'node:path'
import { openBackupFolder, type TrustedBackupFolder } from '../core/backups/folder-trust'
import type { BackupManifest } from '../core/backups/manifest'
import type { RunResult } from '../core/engine/index'
import { HostKeyUnknownError, KnownHosts, SshHost, type SshAuth, type SshTarget } from '../core/host/ssh'
import { defaultKeyAuth } from '../core/host/ssh-keys'
import { clientIdentifier } from '../core/plex-tv/client-id'
import { authPageUrl, claimTokenFor, createPin, waitForUserToken, type Pin, type PlexTvOptions } from '../core/plex-tv/sign-in'
import { CoreError } from '../core/result'
import { CLAIM_TOKEN_LIFETIME_MS, CLAIM_URL, claimServer, manualClaimRoutes, type ClaimOutcome } from '../core/server/claim'
import { controlServer, observe, targetOf, type Observation } from '../core/server/control'
import { inspectSettingsFile, sniffKind, type InspectedFile } from '../core/stores/inspect-file'
import type { AppEnvironment } from './environment'
import { HostRegistry, type HostEntry } from './hosts'
import { Installations, type Known } from './installations'
import { Runs, type RunOptions } from './runs'
import { backUpNow, dryRun, type DryRun } from './snapshots'

export type { Known } from './installations'
export type { RunView } from './runs'

export type ConnectResult = { readonly status: 'confirm-fingerprint'; readonly fingerprint: string } | { readonly status: 'connected'; readonly name: string; readonly installations: Known[] }


/**
 * The one application layer behind the desktop app's IPC handlers and the CLI: every use case is
 * written once here, over the core. Built from an environment its entry point decides.
 */
export class AppService {
  readonly hosts: HostRegistry
  readonly installations: Installations
  readonly runs: Runs
  private readonly signIns = new Map<string, { options: PlexTvOptions; pin: Pin; abort: AbortController }>()
  private trustedFolder: Promise<TrustedBackupFolder> | null = null

  constructor(readonly env: AppEnvironment) {
    this.hosts = new HostRegistry({ host: env.local, apiPort: env.port })
    this.installations = new Installations(env, this.hosts)
    this.runs = new Runs(env, this.hosts, this.installations)
  }

  /** The backup folder, checked once (another user's or a writable folder is refused, never chmodded). */
  trusted(): Promise<TrustedBackupFolder> {
    this.trustedFolder ??= openBackupFolder(this.env.local, this.env.backupDir)
    return this.trustedFolder
  }

  /** Connects to a server over SSH (its key confirmed on first use) and finds its installations. */
  async connect(target: SshTarget, auth: SshAuth | 'default-keys', options: { sudo?: { password?: string } | null; acceptFingerprint?: string; remotePort?: number; root?: string } = {}): Promise<ConnectResult> {
    let host: SshHost
    try {
      const knownHosts = new KnownHosts(this.env.local, (await this.trusted()).knownHostsPath)
      host = await SshHost.connect(target, auth === 'default-keys' ? await defaultKeyAuth(this.env.sshKeyDir) : auth, knownHosts, options.acceptFingerprint)
    } catch (error) {
      if (error instanceof HostKeyUnknownError) return { status: 'confirm-fingerprint', fingerprint: error.fingerprint }
      throw error
    }
    try {
      if (options.sudo) await host.useSudo({ password: options.sudo.password ?? '' })
      const entry = this.hosts.add({ host, apiPort: await host.forward(options.remotePort ?? 32400) })
      return { status: 'connected', name: host.name, installations: await this.installations.detect(entry, options.root ?? this.env.root) }
    } catch (error) {
      host.close()
      throw error
    }
  }

  /** An already connected host (the CLI's --host) as the one commands act on. */
  useHost(entry: HostEntry): HostEntry {
    return this.hosts.add(entry)
  }

  detect(entry?: HostEntry, root?: string): Promise<Known[]> {
    return this.installations.detect(entry, root)
  }

  inspectInstallation(path: string, entry?: HostEntry): Promise<Known> {
    return this.installations.inspect(path, entry)
  }

  inspectFile(path: string, entry: HostEntry = this.hosts.local): Promise<InspectedFile> {
    return inspectSettingsFile(entry.host, path)
  }

  async observe(k: Known): Promise<Observation | null> {
    return observe(k.entry.host, targetOf(k.installation, k.entry.apiPort)).catch(() => null)
  }

  control(k: Known, verb: 'stop' | 'start', options: Parameters<typeof controlServer>[3] = {}): Promise<Observation> {
    return controlServer(k.entry.host, targetOf(k.installation, k.entry.apiPort), verb, { ...this.env.control, ...options })
  }

  /** The wizard's Back up step: a verified backup of the settings as they are now. */
  backUp(k: Known): Promise<{ manifest: BackupManifest; dir: string }> {
    return backUpNow(this.env, this.installations, this.runs.backups, k)
  }

  listBackups(): Promise<BackupManifest[]> {
    return this.runs.backups.list()
  }

  reset(k: Known, options: RunOptions): Promise<RunResult> {
    return this.runs.reset(k, options)
  }

  /** reset --file PATH --no-service: the file the user points at, stopped by the user. */
  async resetFile(path: string, options: { dryRun?: boolean; force?: boolean; entry?: HostEntry; onStep?: RunOptions['onStep'] }): Promise<{ known: Known; result: RunResult | null; dry: DryRun | null }> {
    const entry = options.entry ?? this.hosts.local
    const known = await this.installations.inspect(path, entry)
    if (known.installation.readError) await this.refuseOtherKinds(entry, path, known.installation.readError)
    if (options.dryRun) return { known, result: null, dry: await dryRun(this.installations, known) }
    return { known, result: await this.runs.reset(known, { mode: 'none', force: options.force, onStep: options.onStep }), dry: null }
  }

  /** A plist or .reg given to reset --file gets a message about the right command, not about XML. */
  private async refuseOtherKinds(entry: HostEntry, path: string, readError: { code: string; message: string }): Promise<never> {
    if (['DOCTYPE_REFUSED', 'NOT_PREFERENCES', 'BINARY_FILE', 'UNSUPPORTED_ENCODING'].includes(readError.code)) {
      const kind = sniffKind(await entry.host.readFile(path).catch(() => Buffer.from('')))
      if (kind !== 'preferences-xml') throw new CoreError('INVALID_INPUT', `${path} is a ${kind} file: reset --file edits a Preferences.xml. On macOS and Windows, run reset on the detected installation instead.`)
    }
    throw new CoreError(readError.code as never, readError.message)
  }

  restore(backupId: string, options: RunOptions & { serverId?: string }) {
    return this.runs.restore(backupId, options)
  }

  claimRoutes(entry: HostEntry) {
    const ssh = entry.host.kind === 'ssh' ? entry.host.name : 'user@server'
    return { claimUrl: CLAIM_URL, ...manualClaimRoutes(entry.apiPort, ssh), tokenLifetimeMs: CLAIM_TOKEN_LIFETIME_MS }
  }

  claimWithToken(entry: HostEntry, token: string): Promise<ClaimOutcome> {
    return claimServer(entry.apiPort, token)
  }

  /** "Sign in with Plex": a PIN at plex.tv; the user token it yields stays in memory only. */
  async signInStart(key: string): Promise<{ authUrl: string }> {
    this.signIns.get(key)?.abort.abort()
    const options: PlexTvOptions = { ...this.env.plexTv, clientIdentifier: await clientIdentifier(this.env.local, (await this.trusted()).dir) }
    const pin = await createPin(options)
    this.signIns.set(key, { options, pin, abort: new AbortController() })
    return { authUrl: authPageUrl(options, pin) }
  }

  async signInWait(key: string, entry: HostEntry): Promise<ClaimOutcome> {
    const pending = this.signIns.get(key)
    if (!pending) throw new CoreError('SIGN_IN_CANCELLED', 'No sign-in is under way. Click "Sign in with Plex" to start one.')
    try {
      // The user token lives only in this call: it buys the claim token and is dropped.
      const userToken = await waitForUserToken(pending.options, pending.pin, { signal: pending.abort.signal })
      return await claimServer(entry.apiPort, await claimTokenFor(pending.options, userToken))
    } finally {
      this.signIns.delete(key)
    }
  }

  signInCancel(id: string): void {
    this.signIns.get(id)?.abort.abort()
    this.signIns.delete(id)
  }

  runLog(runId: string): Promise<string> {
    return this.runs.registry.journals.list().then(() => this.env.local.readFile(join(this.runs.registry.journals.dir, `${runId}.log`)).then((b) => b.toString('utf8'), () => ''))
  }

  /** Closes SSH sessions and port forwards, and cancels sign-ins. */
  dispose(): void {
    for (const id of [...this.signIns.keys()]) this.signInCancel(id)
    this.hosts.dispose()
  }
}
