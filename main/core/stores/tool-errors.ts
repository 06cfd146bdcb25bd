import type { ExecResult } from '../host/types'
import { CoreError } from '../result'

/** One message for a settings tool that is missing or failed; its own words are kept (never a token). */
export function toolFailure(program: string, result: ExecResult, doing: string): CoreError {
  if (result.notFound) {
    return new CoreError('TOOL_MISSING', `"${program}" was not found on PATH, so Plex Reclaim cannot ${doing}. It ships with the OS: check PATH.`)
  }
  const said = (result.stderr || result.stdout).trim().split(/\r?\n/).filter(Boolean).pop() ?? `exit code ${result.exitCode ?? 'none'}`
  return new CoreError('TOOL_FAILED', `"${program}" could not ${doing}: ${said}`)
}
