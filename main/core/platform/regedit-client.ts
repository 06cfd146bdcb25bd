import type { RegistryClient } from '../detect/registry'

/**
 * regedit on Windows (it runs cscript with its .wsf files, so it stays outside the bundle).
 * In a packaged app the .wsf files live outside the asar; main passes that folder.
 */
export async function regeditClient(vbsDir?: string): Promise<RegistryClient> {
  const regedit = (await import('regedit')).default as unknown as {
    setExternalVBSLocation(dir: string): string
    promisified: {
      list(keys: string[]): Promise<Record<string, { exists: boolean; keys: string[]; values: Record<string, { type: string; value: unknown }> }>>
      deleteValue(paths: string[]): Promise<void>
    }
  }
  if (vbsDir && regedit.setExternalVBSLocation(vbsDir) !== 'Folder found and set') {
    throw new Error(`regedit's scripts are missing from ${vbsDir}`)
  }
  return {
    list: (keys) => regedit.promisified.list([...keys]),
    // regedit mutates the arrays it is given.
    deleteValue: (paths) => regedit.promisified.deleteValue([...paths])
  }
}
