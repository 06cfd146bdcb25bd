import type { Runtime } from '../../preload/contract'
import { APP_NAME, APP_VERSION } from '../core/app-info'
import { BackupStore } from '../core/backups/store'
import { detectInstallations } from '../core/detect/index'
import type { RegistryClient } from '../core/detect/registry'
import type { Host } from '../core/host/types'
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
}

export function createHandlers(deps: HandlerDeps): HandlerTable {
  const backups = new BackupStore(deps.backupDir, deps.host)
  return {
    'app:get-info': async () => ({ name: APP_NAME, version: APP_VERSION, platform: process.platform, runtime: deps.runtime, demo: deps.demo }),
    'installations:detect': async () =>
      (await detectInstallations({ host: deps.host, root: deps.root, registry: deps.registry, docker: deps.docker })).map(toInstallationView),
    'backups:list': async () => (await backups.list()).map(toBackupView)
  }
}
