import { randomUUID } from 'node:crypto'
import { isAbsolute, join, resolve } from 'node:path'
import { openBackupFolder, type TrustedBackupFolder } from '../core/backups/folder-trust'
import { STAMP_ID, type BackupManifest } from '../core/backups/manifest'
import { sha256 } from '../core/backups/store'
import { localHost } from '../core/host/local'
import { READ_LIMITS, type Host } from '../core/host/types'
import { dockerUnreachable } from '../core/detect/containers'
import type { AccountSummary } from '../core/account/summary'
import type { RunResult } from '../core/engine/index'
import type { SshAuth, SshTarget } from '../core/host/ssh'
import { diagnose, type Diagnosis } from '../core/diagnosis/diagnose'
import { clientIdentifier } from '../core/plex-tv/client-id'
import type { PlexTvOptions } from '../core/plex-tv/sign-in'
import type { PlexAccountRef } from '../core/plex-tv/user'
import { CoreError } from '../core/result'
import { apiFor, type ServerApi } from '../core/server/api'
import { readIdentity } from '../core/server/identity'
import { CLAIM_TOKEN_LIFETIME_MS, CLAIM_URL, claimServer, manualClaimRoutes, normalizeClaimToken, serverOwnSignIn, type ClaimOutcome } from '../core/server/claim'
import { controlServer, observe, targetOf, type Observation } from '../core/server/control'
import { inspectSettingsFile, sniffKind, type InspectedFile } from '../core/stores/inspect-file'
import { previousAccountOf, previousEmailOf, withAccountChange, type ClaimResult } from './accounts'
import type { AppEnvironment } from './environment'
import { HostRegistry, type HostEntry } from './hosts'
import { Installations, type Known } from './installations'
import { connectAndDetect, openSsh, type SshOptions } from './ssh-connection'
import { Ownerships, readProof, type Ownership } from './ownership'
import { saveSupportReport, type SaveReportOptions } from './report'
import { Runs, type RunOptions } from './runs'
import { SignIns, type PreviousAccount, type SignInResult } from './sign-ins'
import { cutOffSubject, cutOffSummaries, restoreSubject, type CutOffSummary, type RunSubject } from './run-subjects'
import { backUpNow, dryRun, type DryRun } from './snapshots'

export type { Known } from './installations'
export type { ClaimResult } from './accounts'
export type { SignInResult } from './sign-ins'
export type { CutOffSummary, RunSubject } from './run-subjects'

export interface Standing {
  readonly serverRunning: boolean | null
  readonly settingsChanged: boolean | null
  readonly backupId: string | null
  readonly backupDir: string
  readonly account: AccountSummary | null // who the settings say now (the read settingsChanged needs); null: unreadable
}

const ownershipKey = (entry: HostEntry, k: Known | null): string => (k ? `installation:${k.installation.id}` : `port:${entry.apiPort}`)

export type ConnectResult = { readonly status: 'confirm-fingerprint'; readonly fingerprint: string } | { readonly status: 'connected'; readonly name: string; readonly installations: Known[] }

/**
 * The one application layer behind the desktop app's IPC handlers and the CLI: every use case is
 * written once here, over the core. Built from an environment its entry point decides.
 */
export class AppService {
  readonly hosts: HostRegistry
  readonly installations: Installations
  readonly runs: Runs
  readonly env: AppEnvironment
  private readonly signIns = new SignIns(() => this.plexTvOptions())
  private readonly ownerships = new Ownerships(() => this.plexTvOptions({ folderOptional: true }), () => this.env.ownershipWaitMs)
  private trustedFolder: Promise<TrustedBackupFolder> | null = null

  /** This computer is the local host unless the entry point gives its own (a test's, the demo's). */
  constructor(settings: Omit<AppEnvironment, 'local'> & { readonly local?: Host }) {
    const env = (this.env = { ...settings, local: settings.local ?? localHost })
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
  connect = (target: SshTarget, auth: SshAuth | 'default-keys', options: SshOptions & { root?: string } = {}): Promise<ConnectResult> =>
    connectAndDetect((entry) => this.installations.detect(entry, options.root ?? this.env.root), () => this.connectHost(target, auth, options))

  /** The SSH connection commands then act on (the CLI's --host; connect above): see ssh-connection.ts. */
  connectHost = async (target: SshTarget | string, auth: SshAuth | 'default-keys', options: SshOptions = {}): Promise<HostEntry> =>
    this.hosts.add(await openSsh(this.env, (await this.trusted()).knownHostsPath, target, auth, options))

  /** An installation found earlier, by id (a clear message when it is not known). */
  installation = (id: string): Known => this.installations.get(id)

  detect(entry?: HostEntry, root?: string): Promise<Known[]> {
    return this.installations.detect(entry, root)
  }

  /** Why Docker's containers could not be listed (no permission on its socket), or null. */
  dockerProblem(entry: HostEntry = this.hosts.local): Promise<string | null> {
    return this.env.docker ? dockerUnreachable(entry.host) : Promise.resolve(null)
  }

  inspectInstallation = (path: string, entry?: HostEntry): Promise<Known> => this.installations.inspect(path, entry)
  inspectFile = (path: string, entry: HostEntry = this.hosts.local): Promise<InspectedFile> => inspectSettingsFile(entry.host, path)

  async observe(k: Known): Promise<Observation | null> {
    return observe(k.entry.host, targetOf(k.installation, k.entry.apiPort)).catch(() => null) // unobservable: the caller shows "could not be checked"
  }

  control(k: Known, verb: 'stop' | 'start', options: Parameters<typeof controlServer>[3] = {}): Promise<Observation> {
    return controlServer(k.entry.host, targetOf(k.installation, k.entry.apiPort), verb, { ...this.env.control, ...options })
  }

  /** The wizard's Back up step: a verified backup of the settings as they are now (root-only ones through the helper). */
  async backUp(k: Known): Promise<{ manifest: BackupManifest; dir: string }> {
    return backUpNow(this.env, this.installations, this.runs.backups, await this.runs.reach(k))
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
    // Journals and manifests name the file absolutely: a relative path would point elsewhere later.
    if (!isAbsolute(path)) {
      if (entry.host.kind !== 'local') throw new CoreError('INVALID_INPUT', `--file over SSH takes an absolute path on the server, not "${path}".`)
      path = resolve(path)
    }
    const known = await this.installations.inspect(path, entry)
    if (known.installation.readError) await this.refuseOtherKinds(entry, path, known.installation.readError)
    if (options.dryRun) return { known, result: null, dry: await dryRun(this.installations, known) }
    return { known, result: await this.runs.reset(known, { mode: 'none', force: options.force, onStep: options.onStep }), dry: null }
  }

  /** A plist or .reg given to reset --file gets a message about the right command, not about XML. */
  private async refuseOtherKinds(entry: HostEntry, path: string, readError: NonNullable<Known['installation']['readError']>): Promise<never> {
    if (['DOCTYPE_REFUSED', 'NOT_PREFERENCES', 'BINARY_FILE', 'UNSUPPORTED_ENCODING'].includes(readError.code)) {
      const kind = sniffKind(await entry.host.readFile(path).catch(() => Buffer.from('')))
      if (kind !== 'preferences-xml') throw new CoreError('INVALID_INPUT', `${path} is a ${kind} file: reset --file edits a Preferences.xml. On macOS and Windows, run reset on the detected installation instead.`)
    }
    throw new CoreError(readError.code, readError.message)
  }

  restore(backupId: string, options: RunOptions & { serverId?: string }) {
    return this.runs.restore(backupId, options)
  }

  /** With the installation: whether the claim from here is unconfirmed on its version (asked of /identity). */
  async claimRoutes(entry: HostEntry, k: Known | null = null) {
    const ssh = entry.host.kind === 'ssh' ? entry.host.name : 'user@server'
    const identity = k ? await readIdentity(this.apiOf(entry, k)).catch(() => null) : null // the server does not answer: its version is unknown and the note left out
    const localClaimUnconfirmed = identity !== null && serverOwnSignIn(k!.installation.platform, identity.version)
    return { claimUrl: CLAIM_URL, ...manualClaimRoutes(entry.apiPort, ssh), tokenLifetimeMs: CLAIM_TOKEN_LIFETIME_MS, localClaimUnconfirmed }
  }

  /**
   * plex.tv's address and this app's client identifier, kept in the checked backup folder. A
   * sign-in needs that folder, as before; a diagnosis (a read) makes do with a fresh identifier.
   */
  private async plexTvOptions(options: { folderOptional?: boolean } = {}): Promise<PlexTvOptions> {
    const folder = this.trusted()
    const id = options.folderOptional ? await folder.then((t) => clientIdentifier(this.env.local, t.dir), () => randomUUID()) : await clientIdentifier(this.env.local, (await folder).dir)
    return { ...this.env.plexTv, clientIdentifier: id }
  }

  /**
   * Diagnosis beyond the settings: plex.tv's view of the token the server holds (read here, on the
   * server's host, and let go), and the local access allowedNetworks gives. Never writes.
   */
  async diagnose(k: Known): Promise<Diagnosis> {
    let store
    try {
      store = this.installations.storeOf(k)
    } catch {
      // A store this host cannot open (a Windows registry key seen from elsewhere): nothing to read.
      return { signIn: { state: 'unknown', reason: 'unreadable' }, localAccess: null }
    }
    return diagnose({ host: k.entry.host, store, control: k.installation.control, plexTv: await this.plexTvOptions({ folderOptional: true }) })
  }

  /** Who the server was signed in to before (the newest backup that recorded it): for the claim warnings. */
  async previousAccount(k: Known | null): Promise<PlexAccountRef | null> {
    if (!k) return null
    return previousAccountOf(k, await this.runs.backups.list().catch(() => [])) // no backups readable: no earlier account to name
  }

  /** The server's API: from inside its container for Docker (any network), else the forwarded or local port. */
  private apiOf(entry: HostEntry, k: Known | null): number | ServerApi {
    return k ? apiFor(k.entry.host, targetOf(k.installation, k.entry.apiPort)) : entry.apiPort
  }

  /** The platform of the server being claimed: its installation's, else the host's (Windows 1.32.2+ and macOS 1.29.2+ sign in on their own). */
  private claimOf(entry: HostEntry, k: Known | null): (token: string) => Promise<ClaimOutcome> {
    const os = entry.host.platform
    const platform = k ? k.installation.platform : os === 'win32' ? 'windows' : os === 'darwin' ? 'macos' : null
    return (token) => claimServer(this.apiOf(entry, k), token, { platform, onProof: this.ownerships.proofOf(ownershipKey(entry, k)) })
  }

  async claimWithToken(entry: HostEntry, token: string, k: Known | null = null): Promise<ClaimResult> {
    normalizeClaimToken(token) // a mistyped token is said before the server is asked anything
    const previous = await this.previousAccount(k)
    return this.claimed(entry, k, withAccountChange(await this.claimOf(entry, k)(token), previous))
  }

  private claimed<R extends ClaimResult | SignInResult>(entry: HostEntry, k: Known | null, r: R): R {
    return this.ownerships.claimed(ownershipKey(entry, k), r)
  }

  /**
   * plex.tv's word on the server (its list of the account's servers): right after a claim with the
   * claim's proof, waiting out plex.tv's lag; else one look with the token its settings hold. null
   * when there is no token to ask with. Asked only after a claim or when the user asks.
   */
  ownership(entry: HostEntry, k: Known | null, signal?: AbortSignal): Promise<Ownership | null> {
    return this.ownerships.check(ownershipKey(entry, k), () => readProof(k ? this.installations.storeOf(k) : null, this.apiOf(entry, k)), signal)
  }

  /** The previous account with its full e-mail from the backup's bytes: compared in main, never sent on. */
  private async previousIdentity(k: Known | null): Promise<PreviousAccount | null> {
    if (!k) return null
    const manifests = await this.runs.backups.list().catch(() => []) // no backups readable: no earlier account to name
    const account = previousAccountOf(k, manifests)
    if (!account) return null
    return { account, email: await previousEmailOf(k, manifests, async (id) => (await this.runs.backups.readVerified(id)).payload) }
  }

  /** "Sign in with Plex": a PIN at plex.tv; the user token it yields stays in memory only. */
  signInStart(key: string): Promise<{ authUrl: string }> {
    return this.signIns.start(key)
  }

  /** Claims at once, or first returns needs-confirmation when the account differs from the one before. */
  async signInWait(key: string, entry: HostEntry, k: Known | null = null): Promise<SignInResult> {
    return this.claimed(entry, k, await this.signIns.wait(key, await this.previousIdentity(k), this.claimOf(entry, k)))
  }

  /** The user confirmed the claim with the other account. */
  async signInConfirm(key: string, entry: HostEntry, k: Known | null = null): Promise<SignInResult> {
    return this.claimed(entry, k, await this.signIns.confirm(key, this.claimOf(entry, k)))
  }

  /** Cancels, and signs out at plex.tv a token already obtained. */
  signInCancel(key: string): Promise<void> {
    return this.signIns.cancel(key)
  }

  /** Runs cut off by an earlier process, each with the backup "Undo" puts back. */
  cutOffRuns = (): Promise<CutOffSummary[]> => cutOffSummaries(this.runs)

  /** What a run will be about, before it starts (the window's run registry names it so). */
  runSubject = (of: { kind: 'restore'; backupId: string } | { kind: 'resume' | 'rollback'; runId: string }): Promise<RunSubject> =>
    of.kind === 'restore' ? restoreSubject(this.runs, this.installations, of.backupId) : cutOffSubject(this.runs, of.runId, of.kind)

  /** Finishes a cut-off run from where it stood, or undoes it. */
  resume = (runId: string | undefined, onStep?: RunOptions['onStep']): Promise<RunResult> => this.runs.resume(runId, onStep)
  rollback = (runId: string | undefined, onStep?: RunOptions['onStep']): Promise<RunResult> => this.runs.rollback(runId, onStep)

  /** Where things stand after a run: read from the server and the settings now, not remembered. */
  async standing(runId: string | null, installationId: string): Promise<Standing> {
    const journal = runId ? (await this.runs.registry.get(runId)).journal : null
    const backupId = journal?.backupId ?? null
    let k: Known | null
    try {
      k = this.installations.get(journal?.installationId ?? installationId)
    } catch { // an installation no longer detected: the standing names none
      k = null
    }
    const o = k ? await this.observe(k) : null
    const manifest = backupId ? await this.runs.backups.get(backupId).then((b) => b.manifest, () => null) : null
    const reached = k && (await this.runs.privilege(k)) === 'allowed' ? await this.runs.reach(k) : k // the helper only when it runs: no prompt
    // One read of the settings says both whether they changed and who the server is signed in as.
    const now = reached ? await this.installations.storeOf(reached).snapshot().catch(() => null) : null
    return { serverRunning: o ? o.answers || o.processAlive : null, settingsChanged: manifest && now ? sha256(now.payload) !== manifest.sha256 : null, backupId, backupDir: this.env.backupDir, account: now?.account ?? null }
  }

  /** The run's log for "Copy details": one bounded read of a file named only by a checked run id. */
  async runLog(runId: string): Promise<string> {
    if (!STAMP_ID.test(runId)) return ''
    const log = await this.env.local.readFile(join(this.runs.registry.journals.dir, `${runId}.log`), { maxBytes: READ_LIMITS.runLog, noFollow: true }).catch(() => null) // no log for this run: shown as empty
    return log?.toString('utf8') ?? ''
  }

  /** "Save a support report" (the wizard's and the CLI's one use case): written 0600; returns its path. */
  saveReport(options: SaveReportOptions): Promise<string> {
    return saveSupportReport(this, options)
  }

  /** Closes SSH sessions and port forwards, and cancels sign-ins (their tokens signed out). */
  async dispose(): Promise<void> {
    await this.signIns.cancelAll().catch(() => undefined) // closing: each part is let go even when another fails
    await this.runs.dispose().catch(() => undefined) // closing: each part is let go even when another fails
    this.ownerships.clear()
    this.hosts.dispose()
  }
}
