import { join } from 'node:path'
import type { Host } from '../host/types'

/** Joins a machine path under the root that detection was given (tests lay out whole machines). */
export const under = (root: string, machinePath: string): string => (root === '/' ? machinePath : join(root, machinePath))

const wildcard = (pattern: string): RegExp =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`)

/** Expands `*` in path segments (e.g. /volume*\/Plex) by listing folders; no shell globbing. */
export async function expand(host: Host, root: string, pattern: string): Promise<string[]> {
  const segments = pattern.split('/').filter(Boolean)
  let paths = ['/']
  for (const segment of segments) {
    if (!/[*?]/.test(segment)) {
      paths = paths.map((p) => (p === '/' ? `/${segment}` : `${p}/${segment}`))
      continue
    }
    const re = wildcard(segment)
    const next: string[] = []
    for (const p of paths) {
      for (const name of (await namesOrNone(host, under(root, p))).sort()) {
        if (re.test(name)) next.push(p === '/' ? `/${name}` : `${p}/${name}`)
      }
    }
    paths = next
  }
  return paths
}

/** EACCES and EPERM mean it is there, just not readable by us; any other error is not an answer. */
export const deniedAccess = (error: unknown): boolean => ['EACCES', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')

/** A folder's names for detection: one this user may not read holds no installation it can act on. */
export const namesOrNone = (host: Host, path: string): Promise<string[]> =>
  host.readdir(path).catch((error: unknown) => {
    if (deniedAccess(error)) return []
    throw error
  })

export async function exists(host: Host, root: string, machinePath: string): Promise<boolean> {
  try {
    return (await host.lstat(under(root, machinePath))) !== null
  } catch (error) {
    if (deniedAccess(error)) return true
    throw error
  }
}

export async function readText(host: Host, root: string, machinePath: string): Promise<string | null> {
  try {
    return (await host.readFile(under(root, machinePath))).toString('utf8')
  } catch { // absent or unreadable: this install layout is not there
    return null
  }
}

/** Reads KEY=value from shell-style files (/etc/default, /etc/conf.d, rc.conf). */
export function shellVar(text: string, name: string): string | undefined {
  const re = new RegExp(`^\\s*(?:export\\s+)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s#]*))`, 'm')
  const m = re.exec(text)
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined
}

/** Reads a variable from systemd Environment= lines: Environment="A=1" "B=2" or Environment=A=1. */
export function systemdEnvironment(text: string, name: string): string | undefined {
  let found: string | undefined
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*Environment\s*=\s*(.*)$/.exec(line)
    if (!m) continue
    for (const item of m[1]!.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
      const assignment = item[1] ?? item[2] ?? item[3] ?? ''
      if (assignment.startsWith(`${name}=`)) found = assignment.slice(name.length + 1)
    }
  }
  return found
}
