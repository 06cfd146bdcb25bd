import { posix } from 'node:path'
import type { Host } from '../host/types'
import { exists, readText, under } from './paths'

/** systemd's unit search path, highest priority first (systemd.unit(5)). */
const UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system']

/** Items of an Environment= value: A=1 "B=two words" 'C=3', with systemd's C-style escapes in quotes. */
function environmentItems(value: string): string[] {
  return [...value.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3] ?? '')))
}

/** KEY=value lines of an EnvironmentFile (systemd.exec(5)); the last assignment wins. */
function fileVariable(text: string, name: string): string | undefined {
  let found: string | undefined
  for (const m of text.matchAll(new RegExp(`^\\s*(?:export\\s+)?${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|'([^']*)'|(.*?))\\s*$`, 'gm'))) {
    found = m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3] ?? '')
  }
  return found
}

/** The unit file systemd loads and its drop-ins, in the order systemd applies them. */
async function unitFiles(host: Host, root: string, unit: string): Promise<string[]> {
  let main: string | undefined
  for (const dir of UNIT_DIRS) {
    if (!main && (await exists(host, root, `${dir}/${unit}.service`))) main = `${dir}/${unit}.service`
  }
  // Drop-ins from every directory, sorted by file name; a name in a higher-priority directory
  // hides the same name below it.
  const dropIns = new Map<string, string>()
  for (const dir of UNIT_DIRS) {
    const d = `${dir}/${unit}.service.d`
    for (const name of await host.readdir(under(root, d))) if (name.endsWith('.conf') && !dropIns.has(name)) dropIns.set(name, posix.join(d, name))
  }
  return [...(main ? [main] : []), ...[...dropIns.keys()].sort().map((n) => dropIns.get(n)!)]
}

/** What systemd itself says about a loaded unit: its Environment= and EnvironmentFiles=. */
async function askSystemd(host: Host, unit: string): Promise<{ environment: string[]; files: string[] } | null> {
  const r = await host.exec('systemctl', ['show', `${unit}.service`, '-p', 'LoadState', '-p', 'Environment', '-p', 'EnvironmentFiles'], { timeoutMs: 5000 })
  if (r.exitCode !== 0 || !/^LoadState=loaded$/m.test(r.stdout)) return null
  const lines = r.stdout.split('\n')
  const environment = lines.filter((l) => l.startsWith('Environment=')).flatMap((l) => environmentItems(l.slice('Environment='.length)))
  const files = lines.filter((l) => l.startsWith('EnvironmentFiles=')).map((l) => l.slice('EnvironmentFiles='.length).replace(/\s+\(ignore_errors=\w+\)$/, ''))
  return { environment, files }
}

/** Environment= and EnvironmentFile= as systemd would assemble them from the files (for --root). */
async function parseUnit(host: Host, root: string, unit: string): Promise<{ environment: string[]; files: string[] }> {
  let environment: string[] = []
  let files: string[] = []
  for (const path of await unitFiles(host, root, unit)) {
    for (const line of ((await readText(host, root, path)) ?? '').split(/\r?\n/)) {
      const env = /^\s*Environment\s*=\s*(.*?)\s*$/.exec(line)
      if (env) environment = env[1] === '' ? [] : [...environment, ...environmentItems(env[1]!)] // an empty assignment resets
      const file = /^\s*EnvironmentFile\s*=\s*(.*?)\s*$/.exec(line)
      if (file) files = file[1] === '' ? [] : [...files, file[1]!.replace(/^-/, '')]
    }
  }
  return { environment, files }
}

/**
 * A variable as a systemd service gets it. Where systemd manages the machine it is asked
 * (`systemctl show`); under --root the unit and its drop-ins are read in systemd's order (the
 * last assignment wins), and EnvironmentFile= values override Environment= (systemd.exec(5)).
 */
export async function unitEnvironment(host: Host, root: string, unit: string, name: string): Promise<string | undefined> {
  const live = root === '/' && (await exists(host, root, '/run/systemd/system')) ? await askSystemd(host, unit) : null
  // systemd 239 (RHEL 8) prints an item with a space as "[unprintable]" (bus-util.c,
  // bus_print_property); 252 quotes it. Then the unit and its drop-ins say what systemd cannot.
  const unprintable = live?.environment.includes('[unprintable]') ?? false
  const parsed = !live || unprintable ? await parseUnit(host, root, unit) : null
  const environment = parsed && (unprintable || !live) ? parsed.environment : live!.environment
  const files = live ? live.files : parsed!.files
  let value: string | undefined
  for (const item of environment) if (item.startsWith(`${name}=`)) value = item.slice(name.length + 1)
  for (const file of files) {
    const fromFile = fileVariable((await readText(host, root, file)) ?? '', name)
    if (fromFile !== undefined) value = fromFile
  }
  return value
}
