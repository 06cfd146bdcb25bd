import { createHash } from 'node:crypto'
import { posix } from 'node:path'
import { summarizeAccount, type AccountSummary } from '../account/summary'
import { hostKey, type HostRef } from '../host/host-ref'
import type { Host } from '../host/types'
import { CoreError, toErr } from '../result'
import { settingsLocation } from '../stores/location'
import { MACOS_DOMAIN, PID_FILE } from '../stores/keys'
import { readPlistValues } from '../stores/plist-values'
import { XmlFileStore } from '../stores/xml-file'
import type { StoreTarget } from '../stores/types'
import { FILESYSTEM_RULES, type Candidate } from './candidates'
import { dockerCandidates, folderCandidates } from './containers'
import { deniedAccess, under } from './paths'
import { answersInBatches, withPrefetch } from './prefetch'
import type { Installation } from './types'
import { windowsCandidates } from './windows'

export interface DetectOptions {
  readonly host: Host
  /** Filesystem root the machine paths are read under; "/" on a real machine. */
  readonly root?: string
  /** Read the Windows registry with reg.exe; by default when the host is Windows. */
  readonly registry?: boolean
  readonly env?: NodeJS.ProcessEnv
  /** Ask Docker for containers (off where no daemon is expected). */
  readonly docker?: boolean
}

/**
 * One identity per settings file: the host and the settings' location, nothing else (the install
 * type once made one file two servers, detected and under --file). The host is part of it: the
 * same path on this computer and over SSH are two servers.
 */
export const idFor = (host: HostRef, store: StoreTarget): string => `pms-${createHash('sha256').update(`${hostKey(host)}\0${settingsLocation(store)}`).digest('hex').slice(0, 12)}`

/** Folders of Plex's client apps hold a Preferences.xml too, but they are not servers (plex-domain.md 1e). */
export const CLIENT_APP_PATH = /AppData[\\/]Local[\\/]Plex[\\/]|[\\/]\.local[\\/]share[\\/]plex[\\/]|[\\/]snap[\\/]plex[\\/]|[\\/]\.var[\\/]app[\\/]tv\.plex\./i

async function materialize(host: Host, root: string, c: Candidate): Promise<Installation | null> {
  const file = under(root, c.settingsFile)
  let present: boolean
  try {
    present = (await host.lstat(file)) !== null
  } catch (error) {
    // EACCES on the way: report it, with the reason it cannot be read. Anything else is an error.
    if (!deniedAccess(error)) throw error
    present = true
  }
  if (!present) return null
  const dataDir = under(root, c.dataDir)
  let account: AccountSummary | null = null
  let readError: Installation['readError'] = null
  let store: StoreTarget
  if (c.macUser !== undefined) {
    store = { kind: 'macos-defaults', domain: MACOS_DOMAIN, user: c.macUser }
    try {
      const values = await readPlistValues(await host.readFile(file))
      account = summarizeAccount((k) => values[k])
    } catch (error) {
      const e = toErr(error)
      readError = { code: e.code, message: e.message }
    }
  } else {
    store = { kind: 'preferences-xml', path: file, dataDir }
    try {
      account = (await new XmlFileStore(host, file, dataDir).snapshot()).account
    } catch (error) {
      const e = toErr(error)
      readError = e.code === 'PERMISSION_DENIED' ? ((await needsPermission(host, file)) ?? { code: e.code, message: e.message }) : { code: e.code, message: e.message }
    }
  }
  return {
    id: idFor(host.ref, store),
    host: host.ref,
    platform: c.platform,
    installType: c.installType,
    label: c.label,
    labelDetail: c.labelDetail ?? { kind: 'type' },
    store,
    dataDir,
    pidFile: store.kind !== 'preferences-xml' ? null : c.pidFile ? under(root, c.pidFile) : posix.join(dataDir, PID_FILE),
    control: c.control,
    account,
    readError
  }
}

/**
 * A Preferences.xml on this computer that another user owns (plex:plex 0600 from the .deb) and we
 * may not read: not "not signed in" and not a dead end, but a state of its own. The reset asks for
 * root once (pkexec runs the whole run); detection cannot tell who is signed in until then.
 */
async function needsPermission(host: Host, file: string): Promise<Installation['readError']> {
  const uid = process.geteuid?.()
  if (host.kind !== 'local' || uid === undefined || uid === 0) return null
  const info = await host.stat(file).catch((error: unknown) => (deniedAccess(error) ? 'hidden' : null))
  if (info === null) return null
  const whose = info === 'hidden' ? 'it is in a folder this user may not open' : info.uid !== uid ? `it belongs to another user (uid ${info.uid}) and this user may not read it` : null
  if (!whose) return null
  return { code: 'NEEDS_PERMISSION', message: `${file} exists, but ${whose}. Who is signed in can be seen once you give permission: the reset asks for your password once, or run it in a terminal with sudo (sudo plex-reclaim reset --yes).` }
}

async function realKey(host: Host, inst: Installation): Promise<string> {
  if (inst.store.kind !== 'preferences-xml') return inst.id
  return host.realpath(inst.store.path).catch(() => inst.store.kind === 'preferences-xml' ? inst.store.path : inst.id) // not resolvable here: its own name keys it
}

/** Keeps the first installation per real file: a DSM 7 share and its volume path are one server. */
async function dedupe(host: Host, list: Installation[]): Promise<Installation[]> {
  const seen = new Set<string>()
  const out: Installation[] = []
  for (const inst of list) {
    const key = await realKey(host, inst)
    if (seen.has(key)) continue
    seen.add(key)
    out.push(inst)
  }
  return out
}

/**
 * Every Plex Media Server installation on the machine (or under the given root). Over SSH the
 * rules' questions are answered in a few batched exchanges (prefetch.ts), not one per question.
 */
export async function detectInstallations(options: DetectOptions): Promise<Installation[]> {
  const { host } = options
  return answersInBatches(host) ? withPrefetch(host, (view) => detectOn({ ...options, host: view })) : detectOn(options)
}

async function detectOn(options: DetectOptions): Promise<Installation[]> {
  const { host, root = '/', env = process.env } = options
  // The rules are independent: run together, so a host over SSH pays its round trips once, not per rule.
  const byRule = await Promise.all([...FILESYSTEM_RULES.map((rule) => rule(host, root)), (options.docker ?? true) ? dockerCandidates(host) : Promise.resolve([])])
  const candidates: Candidate[] = byRule.flat()
  const found = (await Promise.all(candidates.map((c) => materialize(host, root, c)))).filter((i): i is Installation => i !== null)
  if (options.registry ?? (host.platform === 'win32' && root === '/')) {
    for (const w of await windowsCandidates(host, env)) {
      const store: StoreTarget = { kind: 'windows-registry', key: w.key, ...(w.hive ? { hive: w.hive } : {}) }
      found.push({
        id: idFor(host.ref, store),
        host: host.ref,
        platform: 'windows',
        installType: w.installType,
        label: w.label,
        labelDetail: w.labelDetail ?? { kind: 'type' },
        store,
        dataDir: w.dataDir,
        pidFile: null,
        control: w.control,
        // A signed-out account's hive is read once the run has loaded it (that needs an administrator).
        account: w.hive ? null : summarizeAccount((k) => w.values[k]),
        readError: w.readError ? { code: 'PERMISSION_DENIED', message: w.readError } : w.hive ? { code: 'PERMISSION_DENIED', message: `${w.label} keeps its settings in a user hive that is not loaded now; the reset loads it (${w.hive.file}), asking for administrator rights.` } : null
      })
    }
  }
  return dedupe(host, found)
}

/** A Preferences.xml (or the folder holding it) that the user points at directly. */
export async function inspectPath(host: Host, path: string): Promise<Installation> {
  return answersInBatches(host) ? withPrefetch(host, (view) => inspectOn(view, path)) : inspectOn(host, path)
}

async function inspectOn(host: Host, path: string): Promise<Installation> {
  if (CLIENT_APP_PATH.test(path)) {
    throw new CoreError('NOT_A_SETTINGS_FILE', `${path} belongs to the Plex desktop app, not to Plex Media Server. Choose the server's Preferences.xml.`)
  }
  const info = await host.stat(path).catch(() => null) // absent or unreadable: not a candidate
  const candidates: Candidate[] = info?.isDirectory
    ? folderCandidates(path)
    : [{ ...folderCandidates(posix.dirname(path))[0]!, settingsFile: path }]
  for (const c of candidates) {
    const inst = await materialize(host, '/', c)
    if (inst) return { ...inst, installType: 'folder' }
  }
  throw new CoreError('NOT_FOUND', `No Preferences.xml at ${path}. Point at the file itself, or at the Plex Media Server data folder that holds it.`)
}
