/**
 * Reading the Windows registry, in regedit's shapes. On Windows the app passes regedit's
 * promisified API; tests pass a stand-in with the same shapes (regedit cannot run off Windows).
 */
export interface RegistryValue {
  readonly type: string
  readonly value: unknown
}

export interface RegistryKeyListing {
  readonly exists: boolean
  readonly keys: readonly string[]
  readonly values: Readonly<Record<string, RegistryValue>>
}

export interface RegistryClient {
  list(keys: readonly string[]): Promise<Record<string, RegistryKeyListing>>
  deleteValue(valuePaths: readonly string[]): Promise<void>
}
