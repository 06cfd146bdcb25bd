import { LocalHost } from '../host/local'
import { RunRegistry, type RunRecord, type RunStatus } from './registry'

/** The run registry of a backup folder on this computer, as tests look at it. */
export class RegistryForTest {
  private readonly registry: RunRegistry

  constructor(backupDir: string) {
    this.registry = new RunRegistry(new LocalHost(), backupDir)
  }

  list(): Promise<RunRecord[]> {
    return this.registry.list()
  }

  async statusOf(runId: string): Promise<RunStatus> {
    return (await this.registry.get(runId)).status
  }
}
