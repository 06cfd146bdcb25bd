import type { RunContext } from '../../main/core/engine/context'
import { LocalHost } from '../../main/core/host/local'
import type { Host } from '../../main/core/host/types'
import type { SettingsStore } from '../../main/core/stores/types'

/** A run context for tests that drive the engine directly: --no-service unless a server is given. */
export function engineContext(store: SettingsStore, backupDir: string, extra: Partial<RunContext> & { host?: Host } = {}): RunContext {
  const host = extra.host ?? new LocalHost()
  return {
    host,
    localHost: new LocalHost(),
    store,
    backupDir,
    server: { control: { kind: 'manual', hint: 'test' }, pidFile: null, port: 1 },
    mode: 'none',
    installation: { id: 'pms-00000000000a', label: 'Test server', platform: 'linux', installType: 'linux-package', source: { kind: 'detected' } },
    appVersion: 'test',
    ...extra
  }
}
