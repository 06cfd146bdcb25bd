import { join } from 'node:path'
import type { CutOffRun, Runtime } from '../../preload/contract'
import { APP_NAME, APP_VERSION } from '../core/app-info'
import { BackupStore } from '../core/backups/store'
import { detectInstallations, inspectPath } from '../core/detect/index'
import type { RegistryClient } from '../core/detect/registry'
import type { Installation } from '../core/detect/types'
import type { Host } from '../core/host/types'
import { storeFor } from '../core/installations'
import { backUp } from '../core/reset/offline'
import { CoreError } from '../core/result'
import { clientIdentifier } from '../core/plex-tv/client-id'
import { authPageUrl, claimTokenFor, createPin, waitForUserToken, type Pin, type PlexTvOptions } from '../core/plex-tv/sign-in'
import { CLAIM_TOKEN_LIFETIME_MS, CLAIM_URL, claimServer, manualClaimRoutes } from '../core/server/claim'
import { DEFAULT_PORT, observe, targetOf, type ControlOptions } from '../core/server/control'
import { describeTarget } from '../core/stores/types'
import { JournalStore, runsDirOf, type Journal } from '../core/transaction/journal'
import { resumeRun, rollbackRun, runReset, runRestore, type RunContext, type RunResult, type StepEvent } from '../core/transaction/run'
import type { HandlerTable } from './dispatch'
import { toBackupView, toInstallationView } from './views'

/** Everything a handler may touch, decided by main at start-up (or by demo mode's sandbox). */
export interface HandlerDeps {
  readonly host: Host
  readonly runtime: Runtime
  readonly demo: boolean
  readonly root: string
  readonly backupDir: string
  readonly registry?: RegistryClient
  readonly docker: boolean
  /** The server's local port (32400; a sandbox's own in demo mode). */
  readonly port?: number
  readonly control?: ControlOptions
  readonly plexTvUrl?: string
  /** A native open dialog; null when cancelled. */
  readonly chooseFile?: () => Promise<string | null>
  readonly onProgress?: (event: StepEvent) => void
  /** plex.tv and its sign-in page: the real ones, or a stand-in only in demo and test builds. */
  readonly plexTv?: { readonly baseUrl: string; readonly authUrl: string }
  /** The desktop app opens the sign-in page in the system browser; over the bridge the page does. */
  readonly openExternal?: (url: string) => Promise<void>
  /** Demo mode: claim tokens from the plex.tv stand-in. */
  readonly mintDemoClaimToken?: () => string
}

const runView = (r: RunResult) => ({ runId: r.runId, outcome: r.outcome, backupId: r.journal.backupId ?? null })

export function createHandlers(deps: HandlerDeps): HandlerTable {
  const backups = new BackupStore(deps.backupDir, deps.host)
  const journals = new JournalStore(runsDirOf(deps.backupDir), deps.host)
  const port = deps.port ?? DEFAULT_PORT
  // Installations the renderer may name, by id: it never sends a path, a key or a command.
  const known = new Map<string, Installation>()
  const plexTv = deps.plexTv ?? { baseUrl: 'https://plex.tv', authUrl: 'https://app.plex.tv/auth' }
  const signIns = new Map<string, { options: PlexTvOptions; pin: Pin; abort: AbortController }>()

  const view = async (i: Installation) => {
    known.set(i.id, i)
    const o = await observe(deps.host, targetOf(i, port)).catch(() => null)
    return toInstallationView(i, o ? o.answers || o.processAlive : null)
  }
  const installation = (id: string): Installation => {
    const found = known.get(id)
    if (!found) throw new CoreError('NOT_FOUND', 'That server is no longer in the list. Go back to "Find your server" and choose it again.')
    return found
  }
  /** What a run needs, from its parts: the same for a new run and for one reopened from its journal. */
  const runContext = (parts: Pick<RunContext, 'store' | 'server' | 'provenance' | 'installation'>, extra: Partial<RunContext> = {}): RunContext => ({
    host: deps.host,
    localHost: deps.host,
    backupDir: deps.backupDir,
    control: deps.control,
    plexTvUrl: deps.plexTvUrl,
    onStep: deps.onProgress,
    ...parts,
    ...extra
  })
  const context = (i: Installation, extra: Partial<RunContext> = {}): RunContext =>
    runContext(
      {
        store: storeFor(deps.host, i.store, deps.registry),
        server: targetOf(i, port),
        provenance: { platform: i.platform, installType: i.installType, appVersion: APP_VERSION },
        installation: { id: i.id, label: i.label }
      },
      extra
    )
  const contextFromJournal = (j: Journal): RunContext =>
    runContext({ store: storeFor(deps.host, j.store, deps.registry), server: j.server, provenance: j.provenance, installation: { id: j.installationId, label: j.label } })
  const cutOff = async (runId: string): Promise<Journal> => {
    const j = (await journals.unfinished()).find((x) => x.runId === runId)
    if (!j) throw new CoreError('NOT_FOUND', 'That run has already been finished or rolled back.')
    return j
  }

  return {
    'app:get-info': async () => ({ name: APP_NAME, version: APP_VERSION, platform: process.platform, runtime: deps.runtime, demo: deps.demo }),
    'installations:detect': async () => Promise.all((await detectInstallations({ host: deps.host, root: deps.root, registry: deps.registry, docker: deps.docker })).map(view)),
    'installations:choose-file': async () => {
      const path = await deps.chooseFile?.()
      return path ? view(await inspectPath(deps.host, path)) : null
    },
    'backups:list': async () => (await backups.list()).map(toBackupView),
    'backups:create': async ({ installationId }) => {
      const i = installation(installationId)
      const store = storeFor(deps.host, i.store, deps.registry)
      const { manifest, dir } = await backUp(backups, store, await store.snapshot(), { platform: i.platform, installType: i.installType, appVersion: APP_VERSION }, 'reset')
      await backups.readVerified(manifest.id)
      return { backup: toBackupView(manifest), location: dir }
    },
    'backups:restore': async ({ backupId }) => {
      const { manifest } = await backups.get(backupId)
      const all = await detectInstallations({ host: deps.host, root: deps.root, registry: deps.registry, docker: deps.docker })
      const owner = all.find((i) => describeTarget(i.store) === describeTarget(manifest.target)) ?? [...known.values()].find((i) => describeTarget(i.store) === describeTarget(manifest.target))
      if (!owner) throw new CoreError('NOT_FOUND', `The server of this backup (${describeTarget(manifest.target)}) is not on this computer.`)
      known.set(owner.id, owner)
      return runView(await runRestore(context(owner), backupId))
    },
    'reset:start': async ({ installationId, backupId }) => runView(await runReset(context(installation(installationId), { backupId }))),
    'claim:routes': async ({ installationId }) => {
      installation(installationId)
      return { claimUrl: CLAIM_URL, ...manualClaimRoutes(port), tokenLifetimeMs: CLAIM_TOKEN_LIFETIME_MS }
    },
    'claim:with-token': async ({ installationId, token }) => {
      installation(installationId)
      return { username: (await claimServer(port, token)).username }
    },
    'signin:start': async ({ installationId }) => {
      installation(installationId)
      signIns.get(installationId)?.abort.abort()
      const options: PlexTvOptions = { ...plexTv, clientIdentifier: await clientIdentifier(deps.host, deps.backupDir) }
      const pin = await createPin(options)
      signIns.set(installationId, { options, pin, abort: new AbortController() })
      const authUrl = authPageUrl(options, pin)
      if (deps.openExternal) await deps.openExternal(authUrl)
      return { authUrl, opened: Boolean(deps.openExternal) }
    },
    'signin:wait': async ({ installationId }) => {
      const pending = signIns.get(installationId)
      if (!pending) throw new CoreError('SIGN_IN_CANCELLED', 'No sign-in is under way. Click "Sign in with Plex" to start one.')
      try {
        // The user token lives only in this call: it buys the claim token and is dropped.
        const userToken = await waitForUserToken(pending.options, pending.pin, { signal: pending.abort.signal })
        const claim = await claimTokenFor(pending.options, userToken)
        return { username: (await claimServer(port, claim)).username }
      } finally {
        signIns.delete(installationId)
      }
    },
    'signin:cancel': async ({ installationId }) => {
      signIns.get(installationId)?.abort.abort()
      signIns.delete(installationId)
      return null
    },
    'runs:cut-off': async () =>
      (await journals.unfinished()).map((j): CutOffRun => ({ runId: j.runId, kind: j.kind, label: j.label, lastStep: j.completed.at(-1) ?? null, createdAt: j.createdAt })),
    'runs:resume': async ({ runId }) => {
      const j = await cutOff(runId)
      return runView(await resumeRun(contextFromJournal(j), j))
    },
    'runs:rollback': async ({ runId }) => {
      const j = await cutOff(runId)
      return runView(await rollbackRun(contextFromJournal(j), j))
    },
    'runs:details': async ({ runId }) => (await deps.host.readFile(join(runsDirOf(deps.backupDir), `${runId}.log`)).catch(() => Buffer.from(''))).toString('utf8'),
    'demo:claim-token': async () => {
      if (!deps.mintDemoClaimToken) throw new CoreError('UNSUPPORTED_PLATFORM', 'Demo claim tokens exist only in demo mode. Get a real one at https://www.plex.tv/claim.')
      return deps.mintDemoClaimToken()
    }
  }
}
