import type { CutOffRun, Runtime } from '../../preload/contract'
import { APP_NAME, APP_VERSION, CoreError, type AppService, type Known, type RunResult } from '../app/index'
import type { HandlerTable } from './dispatch'
import { toBackupView, toInstallationView } from './views'

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
}

const runView = (r: RunResult) => ({ runId: r.runId, outcome: r.outcome, backupId: r.journal.backupId ?? null })

/** The IPC handler table: each channel maps to one call of the application service. */
export function createHandlers(deps: HandlerDeps): HandlerTable {
  const { service } = deps
  const view = async (k: Known) => {
    const o = await service.observe(k)
    return toInstallationView(k.installation, o ? o.answers || o.processAlive : null, k.entry.host.name)
  }
  const known = (id: string): Known => service.installations.get(id)

  return {
    'app:get-info': async () => ({ name: APP_NAME, version: APP_VERSION, platform: process.platform, runtime: deps.runtime, demo: deps.demo }),
    'installations:detect': async () => Promise.all((await service.detect()).map(view)),
    'installations:choose-file': async () => {
      const path = await deps.chooseFile?.()
      return path ? view(await service.inspectInstallation(path)) : null
    },
    'remote:connect': async (p) => {
      const auth = p.auth === 'password' ? { password: p.password ?? '' } : ('default-keys' as const)
      const sudo = p.sudo || p.sudoPassword ? { password: p.sudoPassword } : null
      const r = await service.connect({ user: p.user, host: p.host, port: p.port }, auth, { sudo, acceptFingerprint: p.acceptFingerprint })
      return r.status === 'connected' ? { status: r.status, name: r.name, installations: await Promise.all(r.installations.map(view)) } : r
    },
    'backups:list': async () => (await service.listBackups()).map(toBackupView),
    'backups:create': async ({ installationId }) => {
      const { manifest, dir } = await service.backUp(known(installationId))
      return { backup: toBackupView(manifest), location: dir }
    },
    'backups:restore': async ({ backupId }) => runView((await service.restore(backupId, { mode: 'service' })).result),
    'reset:start': async ({ installationId, backupId }) => runView(await service.reset(known(installationId), { mode: 'service', backupId })),
    'claim:routes': async ({ installationId }) => service.claimRoutes(known(installationId).entry),
    'claim:with-token': async ({ installationId, token }) => ({ username: (await service.claimWithToken(known(installationId).entry, token)).username }),
    'signin:start': async ({ installationId }) => {
      known(installationId)
      const { authUrl } = await service.signInStart(installationId)
      if (deps.openExternal) await deps.openExternal(authUrl)
      return { authUrl, opened: Boolean(deps.openExternal) }
    },
    'signin:wait': async ({ installationId }) => ({ username: (await service.signInWait(installationId, known(installationId).entry)).username }),
    'signin:cancel': async ({ installationId }) => (service.signInCancel(installationId), null),
    'runs:cut-off': async () =>
      (await service.runs.list()).flatMap((r): CutOffRun[] => (r.status === 'cut-off' ? [{ runId: r.runId, kind: r.journal.kind, label: r.journal.label, lastStep: r.journal.completed.at(-1) ?? null, createdAt: r.journal.createdAt }] : [])),
    'runs:resume': async ({ runId }) => runView(await service.runs.resume(runId)),
    'runs:rollback': async ({ runId }) => runView(await service.runs.rollback(runId)),
    'runs:details': async ({ runId }) => service.runLog(runId),
    'demo:claim-token': async () => {
      if (!deps.mintDemoClaimToken) throw new CoreError('UNSUPPORTED_PLATFORM', 'Demo claim tokens exist only in demo mode. Get a real one at https://www.plex.tv/claim.')
      return deps.mintDemoClaimToken()
    }
  }
}
