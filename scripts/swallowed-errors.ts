import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/**
 * Places where an error is caught and dropped (`catch {…}`, `.catch(() => …)`) without a reason:
 * no comment on the line, the line before or the line after, and no rethrow or conversion to a
 * typed error within the next lines. Each such place either handles the error or says why not.
 */
export function swallowedErrors(repo: string, roots: readonly string[] = ['main', 'preload', 'renderer/src']): { file: string; line: number; text: string }[] {
  const files: string[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) files.push(path)
    }
  }
  roots.forEach((r) => walk(join(repo, r)))
  const found: { file: string; line: number; text: string }[] = []
  for (const path of files) {
    const lines = readFileSync(path, 'utf8').split('\n')
    lines.forEach((l, i) => {
      if (!/\bcatch\s*(\(\s*\w*\s*\))?\s*\{/.test(l) && !/\.catch\(\s*\(\s*\w*\s*\)\s*=>/.test(l)) return
      const comment = /\/\/|\/\*/.test(l) || /^\s*(\/\/|\*)/.test(lines[i - 1] ?? '') || /\/\//.test(lines[i + 1] ?? '')
      // Rethrown, converted to a typed error, or turned into a typed result the caller words.
      const handled = /throw |fromFsError|toErr|CoreError|reject\(|err\(|return \{ (kind|state|signIn|ok):/.test(lines.slice(i, i + 4).join('\n'))
      if (!comment && !handled) found.push({ file: relative(repo, path), line: i + 1, text: l.trim() })
    })
  }
  return found
}
