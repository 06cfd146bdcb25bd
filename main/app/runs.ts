import type { BackupManifest } from '../core/backups/manifest'
import { BackupStore } from '../core/backups/store'
import { resumeRun, rollbackRun, runReset, runRestore, type RunContext, type RunResult, type StepEvent } from '../core/engine/index'
import type { ControlMode, Journal } from '../core/engine/journal'
import { RunRegistry, type RunRecord } from '../core/engine/registry'
import { CoreError } from '../core/result'
import { targetOf } from '../core/server/control'
import { needsRoot, privilegedHost } from './elevated-run'
import type { AppEnvironment } from './environment'
import type { HostRegistry } from './hosts'
import type { Installations, Known } from './installations'
import { restoreTarget } from './restore-target'

export interface RunOptions {
  readonly mode: ControlMode
  readonly force?: boolean
  /** A verified backup the user already took (the wizard's Back up step). */
  readonly backupId?: string
  readonly onStep?: (event: StepEvent) => void
}

/** Reset, restore, resume and rollback: every one a run of the one engine, with a lock, journal and log. */
export class Runs {
  readonly registry: RunRegistry
  readonly backups: BackupStore
  private privileged: ReturnType<typeof privilegedHost> | null = null

  constructor(
    private readonly env: AppEnvironment,
    private readonly hosts: HostRegistry,
    private readonly installations: Installations
  ) {
    this.registry = new RunRegistry(env.local, env.backupDir)
    this.backups = new BackupStore(env.backupDir, env.local)
  }

  private context(k: Known, options: RunOptions): RunContext {
    const i = k.installation
    return {
      host: k.entry.host,
      localHost: this.env.local,
      store: this.installations.storeOf(k, { allowOwnerChange: options.force }),
      backupDir: this.env.backupDir,
      server: targetOf(i, k.entry.apiPort),
      mode: options.mode,
      force: options.force,
      installation: { id: i.id, label: i.label, platform: i.platform, installType: i.installType, labelDetail: i.labelDetail, source: k.file ? { kind: 'file', path: k.file } : { kind: 'detected' } },
      appVersion: this.env.appVersion,
      control: this.env.control,
      plexTvUrl: this.env.plexTv.baseUrl,
      backupId: options.backupId,
      boundary: this.env.boundary,
      onStep: this.recorder(options)
    }
  }

  /** Every event of a run, passed on (a reattaching window asks main/ipc's run registry, which keeps them). */
  private recorder(options: RunOptions): (e: StepEvent) => void {
    return (e) => {
      this.env.onStep?.(e)
      options.onStep?.(e)
    }
  }

  /**
   * The installation as the engine reaches it: settings on this Linux computer that only root may
   * change go through the privileged helper (started once per session: one password prompt);
   * the run itself, its journal, lock, log and backup stay here, with the user.
   */
  async reach(k: Known): Promise<Known> {
    const helper = this.env.elevatedHelper
    if (!helper || !(await needsRoot(k.entry.host, k.installation)) || k.installation.store.kind !== 'preferences-xml') return k
    this.privileged ??= privilegedHost(this.env.local, { helper, installationId: k.installation.id })
    this.privileged.addRoot(k.installation.store.dataDir)
    this.privileged.retry()
    // The prompt comes first: a refusal is the use case's answer before anything is done.
    await this.privileged.open()
    return { ...k, entry: { ...k.entry, host: this.privileged } }
  }

  /** Whether a use case of this installation goes through the helper, and whether it has already been allowed. */
  async privilege(k: Known): Promise<'none' | 'ask' | 'allowed'> {
    if (!this.env.elevatedHelper || !(await needsRoot(k.entry.host, k.installation))) return 'none'
    return this.privileged?.started ? 'allowed' : 'ask'
  }

  async reset(k: Known, options: RunOptions): Promise<RunResult> {
    return runReset(this.context(await this.reach(k), options))
  }

  /** Ends the privileged helper, if one was started. */
  async dispose(): Promise<void> {
    await this.privileged?.dispose()
    this.privileged = null
  }

  /** Restores a backup on the machine it came from, into the store it was taken of (checked, never trusted). */
  async restore(backupId: string, options: RunOptions & { readonly serverId?: string }): Promise<{ result: RunResult; restored: BackupManifest; preRestore: BackupManifest | null }> {
    const { backup } = await this.backups.readVerified(backupId) // refused before anything happens
    const manifest = backup.manifest
    const entry = this.hosts.get(manifest.host)
    const k = await restoreTarget(manifest, entry, this.installations, options.mode === 'none')
    if (options.serverId && k.installation.id !== options.serverId) {
      throw new CoreError('RESTORE_TARGET_REFUSED', `Backup ${backupId} belongs to ${k.installation.label} (${k.installation.id}), not to ${options.serverId}. Nothing was changed.`)
    }
    const result = await runRestore(this.context(await this.reach(k), options), backupId)
    const preId = result.journal.backupId
    const preRestore = preId && preId !== backupId ? (await this.backups.get(preId)).manifest : null
    return { result, restored: manifest, preRestore }
  }

  list(): Promise<RunRecord[]> {
    return this.registry.list()
  }

  /** A cut-off run by id (or the only one); a running, finished or unreadable one gets its own message. */
  async cutOff(runId?: string): Promise<Journal> {
    const all = await this.registry.list()
    if (runId) {
      const r = all.find((x) => x.runId === runId)
      if (!r) throw new CoreError('NOT_FOUND', `No run ${runId}.`)
      if (r.status === 'unreadable') throw new CoreError('RUN_UNREADABLE', `Run ${runId} cannot be finished or undone: ${r.problem}. Its backups are still listed by "plex-reclaim backups".`)
      if (r.status === 'running') throw new CoreError('RUN_IN_PROGRESS', `Run ${runId} is still running. Wait for it to finish.`)
      if (r.status === 'finished') throw new CoreError('NOT_FOUND', `Run ${runId} has already finished (${r.journal.outcome}).`)
      return r.journal
    }
    const cut = all.flatMap((r) => (r.status === 'cut-off' ? [r.journal] : []))
    if (cut.length === 0) throw new CoreError('NOT_FOUND', 'No run was cut off: there is nothing to resume or roll back.')
    if (cut.length > 1) throw new CoreError('INVALID_INPUT', `${cut.length} runs were cut off (${cut.map((j) => j.runId).join(', ')}). Name one: plex-reclaim resume RUN_ID.`)
    return cut[0]!
  }

  async resume(runId: string | undefined, onStep?: RunOptions['onStep']): Promise<RunResult> {
    const journal = await this.cutOff(runId)
    const k = await this.installations.forJournal(journal)
    return resumeRun(this.context(await this.reach(k), { mode: journal.mode, onStep }), journal)
  }

  async rollback(runId: string | undefined, onStep?: RunOptions['onStep']): Promise<RunResult> {
    const journal = await this.cutOff(runId)
    const k = await this.installations.forJournal(journal)
    return rollbackRun(this.context(await this.reach(k), { mode: journal.mode, onStep }), journal)
  }
}
