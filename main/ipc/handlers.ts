import type { CutOffRun, EventChannel, EventContract, RunRecord, RunStarted, RunView as RunViewPayload, Runtime } from '../../preload/contract'
import { APP_NAME, APP_VERSION, CoreError, type AppService, type Known, type RunResult, type StepEvent } from '../app/index'
import type { HandlerTable } from './dispatch'
import { provenStanding } from './proven-standing'
import { RunRegistry } from './run-registry'
import { toBackupView, toClaimedView, toDiagnosisView, toInstallationView, toSignInView } from './views'

/** What the window adds to the service: how it opens files and pages, and what kind of window it is. */
export interface HandlerDeps {
  readonly service: AppService
  readonly runtime: Runtime
  readonly demo: boolean
  /** A native open dialog; null when cancelled. */
  readonly chooseFile?: () => Promise<string | null>
  /** The desktop app opens the sign-in page in the system browser; over the bridge the page does. */
  readonly openExternal?: (url: string) => Promise<void>
  /** Demo mode: claim tokens from the plex.tv stand-in. */
  readonly mintDemoClaimToken?: () => string
  /** The runs of this window's process; main's close guard asks it whether one is under way. */
  readonly runs?: RunRegistry
  /** Main to the page: a run's progress and its end, each naming the run's record. */
  readonly emit?: <C extends EventChannel>(channel: C, payload: EventContract[C]) => void
}

const runView = (r: RunResult): RunViewPayload => ({ runId: r.runId, outcome: r.outcome, backupId: r.journal.backupId ?? null })

/** The IPC handler table: each channel maps to one call of the application service. */
export function createHandlers(deps: HandlerDeps): HandlerTable {
  const { service } = deps
  const runs = deps.runs ?? new RunRegistry()
  const view = async (k: Known) => {
    const o = await service.observe(k)
    return toInstallationView(k.installation, o ? o.answers || o.processAlive : null, k.entry.host.name)
  }
  const known = (id: string): Known => service.installation(id)

  /**
   * A run under the registry, answered with its record id at once: its events (each naming that id)
   * are kept for a reloaded page and sent on; its end is recorded with where things stand, and sent.
   */
  const tracked = (fields: Pick<RunRecord, 'kind' | 'action' | 'installationId' | 'label' | 'backupId'>, go: (onStep: (e: StepEvent) => void) => Promise<RunResult>): RunStarted => {
    const tracker = runs.start(fields)
    const recordId = tracker.id
    let runId: string | null = null
    const onStep = (event: StepEvent): void => {
      runId ??= event.runId
      const e = { ...event, recordId }
      tracker.onStep(e)
      deps.emit?.('flow:progress', e)
    }
    const ended = async (): Promise<void> => {
      try {
        const done = await go(onStep)
        const result = runView(done)
        const standing = (await provenStanding(service, fields, done).catch(() => null)) ?? (await service.standing(result.runId, fields.installationId).catch(() => null)) // the standing is extra: the run's result stands without it
        tracker.finish(result, standing)
      } catch (error) { // the tracker records it and the window shows it
        tracker.fail(error, await service.standing(runId, fields.installationId).catch(() => null)) // the standing is extra: the error stands without it
      }
      deps.emit?.('flow:run-ended', tracker.record())
    }
    void ended()
    return { recordId }
  }

  /** Which run used each backup (the wizard's own backup, reused by a reset, counts): from the journals. */
  const usedBy = async (): Promise<Map<string, { kind: 'reset' | 'restore'; at: string }>> => {
    const used = new Map<string, { kind: 'reset' | 'restore'; at: string }>()
    for (const r of await service.runs.list().catch(() => [])) if (r.journal?.backupId && !used.has(r.journal.backupId)) used.set(r.journal.backupId, { kind: r.journal.kind, at: r.journal.createdAt }) // no runs readable: no backup is marked as used
    return used
  }

  /** Runs cut off by an earlier process, as the service finds them (never a live one). */
  const cutOffRuns = async (): Promise<CutOffRun[]> => service.cutOffRuns()

  return {
    'app:get-info': async () => ({ name: APP_NAME, version: APP_VERSION, platform: process.platform, runtime: deps.runtime, demo: deps.demo }),
    'installations:detect': async () => Promise.all((await service.detect()).map(view)),
    'installations:diagnose': async ({ installationId }) => toDiagnosisView(await service.diagnose(known(installationId))),
    'installations:choose-file': async () => {
      const path = await deps.chooseFile?.()
      return path ? view(await service.inspectInstallation(path)) : null
    },
    'remote:connect': async (p) => {
      const auth = p.auth === 'password' ? { password: p.password ?? '' } : ('default-keys' as const)
      // A NOPASSWD user chooses sudo without typing a password.
      const sudo = p.sudo ? { password: p.sudoPassword || undefined } : null
      const r = await service.connect({ user: p.user, host: p.host, port: p.port }, auth, { sudo, acceptFingerprint: p.acceptFingerprint })
      return r.status === 'connected' ? { status: r.status, name: r.name, installations: await Promise.all(r.installations.map(view)) } : r
    },
    'backups:list': async () => {
      const used = await usedBy()
      return (await service.listBackups()).map((m) => toBackupView(m, used.get(m.id) ?? null))
    },
    'backups:create': async ({ installationId }) => {
      const { manifest, dir } = await service.backUp(known(installationId))
      return { backup: toBackupView(manifest), location: dir }
    },
    'backups:restore': async ({ backupId }) => {
      const subject = await service.runSubject({ kind: 'restore', backupId })
      return tracked({ ...subject, action: 'run' }, async (onStep) => (await service.restore(backupId, { mode: 'service', onStep })).result)
    },
    'reset:start': async ({ installationId, backupId }) => {
      const k = known(installationId)
      return tracked({ kind: 'reset', action: 'run', installationId, label: k.installation.label, backupId }, (onStep) => service.reset(k, { mode: 'service', backupId: backupId ?? undefined, onStep }))
    },
    'installations:standing': async ({ installationId }) => {
      const s = await service.standing(null, installationId)
      return { running: s.serverRunning, account: s.account }
    },
    'claim:routes': async ({ installationId }) => {
      const k = known(installationId)
      return service.claimRoutes(k.entry, k)
    },
    'claim:previous-account': async ({ installationId }) => service.previousAccount(known(installationId)),
    'claim:with-token': async ({ installationId, token }) => {
      const k = known(installationId)
      return toClaimedView(await service.claimWithToken(k.entry, token, k))
    },
    'signin:start': async ({ installationId }) => {
      known(installationId)
      const { authUrl } = await service.signInStart(installationId)
      if (deps.openExternal) await deps.openExternal(authUrl)
      return { authUrl, opened: Boolean(deps.openExternal) }
    },
    'signin:wait': async ({ installationId }) => {
      const k = known(installationId)
      return toSignInView(await service.signInWait(installationId, k.entry, k))
    },
    'signin:confirm': async ({ installationId }) => {
      const k = known(installationId)
      const r = toSignInView(await service.signInConfirm(installationId, k.entry, k))
      if (r.status !== 'claimed') throw new CoreError('SIGN_IN_CANCELLED', 'The claim was not confirmed. Start "Sign in with Plex" again.')
      return r
    },
    'signin:cancel': async ({ installationId }) => (await service.signInCancel(installationId), null),
    'runs:list': async () => ({ runs: runs.list(), cutOff: await cutOffRuns() }),
    'runs:resume': async ({ runId }) => tracked({ ...(await service.runSubject({ kind: 'resume', runId })), action: 'resume' }, (onStep) => service.resume(runId, onStep)),
    'runs:rollback': async ({ runId }) => tracked({ ...(await service.runSubject({ kind: 'rollback', runId })), action: 'rollback' }, (onStep) => service.rollback(runId, onStep)),
    'runs:details': async ({ runId }) => service.runLog(runId),
    'demo:claim-token': async () => {
      if (!deps.mintDemoClaimToken) throw new CoreError('UNSUPPORTED_PLATFORM', 'Demo claim tokens exist only in demo mode. Get a real one at https://www.plex.tv/claim.')
      return deps.mintDemoClaimToken()
    },
    'ownership:check': async ({ installationId }) => {
      const k = known(installationId)
      const o = await service.ownership(k.entry, k)
      return o && { state: o.state, account: o.account, serverName: o.serverName, expectedAccount: o.expectedAccount, accountDiffers: o.accountDiffers, plexWeb: o.plexWeb }
    },
    'report:save': async ({ installationId, includeEmail, error }) => {
      const k = installationId ? service.installations.get(installationId) : null
      return { path: await service.saveReport({ surface: 'desktop', includeEmail, error, installationId, entry: k?.entry }) }
    }
  }
}
