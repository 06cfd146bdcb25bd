import { join } from 'node:path'
import type { CutOffRun, Runtime } from '../../preload/contract'
import { APP_NAME, APP_VERSION } from '../core/app-info'
import { BackupStore } from '../core/backups/store'
import { detectInstallations, inspectPath } from '../core/detect/index'
import type { RegistryClient } from '../core/detect/registry'
import type { Installation } from '../core/detect/types'
import { HostKeyUnknownError, KnownHosts, SshHost, knownHostsPathFor } from '../core/host/ssh'
import type { Host } from '../core/host/types'
import { defaultKeyAuth } from '../core/host/ssh-keys'
import { storeFor } from '../core/installations'
import { backUp } from '../core/reset/offline'
import { CoreError } from '../core/result'
import { clientIdentifier } from '../core/plex-tv/client-id'
import { authPageUrl, claimTokenFor, createPin, waitForUserToken, type Pin, type PlexTvOptions } from '../core/plex-tv/sign-in'
import { apiFor } from '../core/server/api'
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
  /** Where "a key from the SSH folder" is looked for: ~/.ssh, or a sandbox's in demo mode. */
  readonly sshKeyDir?: string
  /** Demo mode: claim tokens from the plex.tv stand-in. */
  readonly mintDemoClaimToken?: () => string
}

const runView = (r: RunResult) => ({ runId: r.runId, outcome: r.outcome, backupId: r.journal.backupId ?? null })

export function createHandlers(deps: HandlerDeps): HandlerTable {
  const backups = new BackupStore(deps.backupDir, deps.host)
  const journals = new JournalStore(runsDirOf(deps.backupDir), deps.host)
  const port = deps.port ?? DEFAULT_PORT
  // Installations the renderer may name, by id: it never sends a path, a key or a command. Each
  // remembers the host it is on (this computer, or a server over SSH) and the port of its local API.
  const known = new Map<string, { installation: Installation; host: Host; port: number }>()
  const remotes = new Map<string, { host: SshHost; port: number }>()
  const plexTv = deps.plexTv ?? { baseUrl: 'https://plex.tv', authUrl: 'https://app.plex.tv/auth' }
  const signIns = new Map<string, { options: PlexTvOptions; pin: Pin; abort: AbortController }>()

  const view = async (i: Installation, host: Host = deps.host, apiPort = port) => {
    known.set(i.id, { installation: i, host, port: apiPort })
    const o = await observe(host, targetOf(i, apiPort)).catch(() => null)
    return toInstallationView(i, o ? o.answers || o.processAlive : null, host.name)
  }
  const entry = (id: string) => {
    const found = known.get(id)
    if (!found) throw new CoreError('NOT_FOUND', 'That server is no longer in the list. Go back to "Find your server" and choose it again.')
    return found
  }
  const installation = (id: string): Installation => entry(id).installation
  /** The server's API: from inside its container for Docker, else its port on the host. */
  const apiOf = (id: string) => {
    const { installation: i, host, port: apiPort } = entry(id)
    return apiFor(host, targetOf(i, apiPort))
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
  const context = (i: Installation, extra: Partial<RunContext> = {}): RunContext => {
    const { host, port: apiPort } = known.get(i.id) ?? { host: deps.host, port }
    return runContext(
      {
        store: storeFor(host, i.store, deps.registry),
        server: targetOf(i, apiPort),
        provenance: { platform: i.platform, installType: i.installType, appVersion: APP_VERSION },
        installation: { id: i.id, label: i.label }
      },
      { host, ...extra }
    )
  }
  const contextFromJournal = (j: Journal): RunContext =>
    runContext({ store: storeFor(deps.host, j.store, deps.registry), server: j.server, provenance: j.provenance, installation: { id: j.installationId, label: j.label } })
  const cutOff = async (runId: string): Promise<Journal> => {
    const j = (await journals.unfinished()).find((x) => x.runId === runId)
    if (!j) throw new CoreError('NOT_FOUND', 'That run has already been finished or rolled back.')
    return j
  }

  return {
    'app:get-info': async () => ({ name: APP_NAME, version: APP_VERSION, platform: process.platform, runtime: deps.runtime, demo: deps.demo }),
    'installations:detect': async () => Promise.all((await detectInstallations({ host: deps.host, root: deps.root, registry: deps.registry, docker: deps.docker })).map((i) => view(i))),
    'installations:choose-file': async () => {
      const path = await deps.chooseFile?.()
      return path ? view(await inspectPath(deps.host, path)) : null
    },
    'remote:connect': async (p) => {
      const target = { user: p.user, host: p.host, port: p.port }
      const name = `${p.user}@${p.host}${p.port === 22 ? '' : `:${p.port}`}`
      remotes.get(name)?.host.close()
      let host: SshHost
      try {
        host = await SshHost.connect(target, p.auth === 'password' ? { password: p.password ?? '' } : await defaultKeyAuth(deps.sshKeyDir), new KnownHosts(deps.host, knownHostsPathFor(deps.backupDir)), p.acceptFingerprint)
      } catch (error) {
        if (error instanceof HostKeyUnknownError) return { status: 'confirm-fingerprint' as const, fingerprint: error.fingerprint }
        throw error
      }
      if (p.sudoPassword) await host.useSudo({ password: p.sudoPassword })
      const apiPort = await host.forward(port)
      remotes.set(name, { host, port: apiPort })
      const found = await detectInstallations({ host, root: deps.root, docker: !deps.demo })
      return { status: 'connected' as const, name, installations: await Promise.all(found.map((i) => view(i, host, apiPort))) }
    },
    'backups:list': async () => (await backups.list()).map(toBackupView),
    'backups:create': async ({ installationId }) => {
      const { installation: i, host } = entry(installationId)
      const store = storeFor(host, i.store, deps.registry)
      const { manifest, dir } = await backUp(backups, store, await store.snapshot(), { platform: i.platform, installType: i.installType, appVersion: APP_VERSION }, 'reset')
      await backups.readVerified(manifest.id)
      return { backup: toBackupView(manifest), location: dir }
    },
    'backups:restore': async ({ backupId }) => {
      const { manifest } = await backups.get(backupId)
      const all = await detectInstallations({ host: deps.host, root: deps.root, registry: deps.registry, docker: deps.docker })
      const same = (i: Installation): boolean => describeTarget(i.store) === describeTarget(manifest.target)
      const local = all.find(same)
      const owner = local ?? [...known.values()].find((k) => same(k.installation))?.installation
      if (!owner) throw new CoreError('NOT_FOUND', `The server of this backup (${describeTarget(manifest.target)}) is not on this computer. Connect to it first ("A server on another machine…").`)
      if (local) known.set(local.id, { installation: local, host: deps.host, port })
      return runView(await runRestore(context(owner), backupId))
    },
    'reset:start': async ({ installationId, backupId }) => runView(await runReset(context(installation(installationId), { backupId }))),
    'claim:routes': async ({ installationId }) => {
      const { host } = entry(installationId)
      return { claimUrl: CLAIM_URL, ...manualClaimRoutes(port, host.kind === 'ssh' ? host.name : 'user@server'), tokenLifetimeMs: CLAIM_TOKEN_LIFETIME_MS }
    },
    'claim:with-token': async ({ installationId, token }) => ({ username: (await claimServer(apiOf(installationId), token)).username }),
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
        return { username: (await claimServer(apiOf(installationId), claim)).username }
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
