import { arch, platform, release } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { APP_NAME } from '../core/app-info'
import type { BackupManifest } from '../core/backups/manifest'
import type { Diagnosis } from '../core/diagnosis/diagnose'
import { describeHost } from '../core/host/host-ref'
import { REPORT_RUNS, formatReport, type ReportInstallation, type ReportRun } from '../core/report/format'
import { describeObservation, type Observation } from '../core/server/control'
import { readPlistValues } from '../core/stores/plist-values'
import { attributeValue, parsePreferences } from '../core/stores/preferences-xml'
import { readRegValues } from '../core/stores/reg-file'
import { readSettingValues } from '../core/stores/setting-values'
import { describeTarget } from '../core/stores/types'
import type { AppEnvironment } from './environment'
import type { HostEntry } from './hosts'
import type { Known } from './installations'
import type { RunRecord as RunView } from '../core/engine/registry'
import type { AppService } from './service'

export interface SupportReportOptions {
  readonly surface: 'cli' | 'desktop'
  /** The user ticked "include e-mail addresses". */
  readonly includeEmail?: boolean
  /** The error the user is looking at (the wizard's error step). */
  readonly error?: { readonly code: string; readonly message: string } | null
}

/** What the report reads, from the application service (one use case for the CLI and the wizard). */
export interface ReportSources {
  readonly env: AppEnvironment
  readonly entry: HostEntry
  readonly installations: () => Promise<Known[]>
  readonly observe: (k: Known) => Promise<Observation | null>
  readonly diagnose: (k: Known) => Promise<Diagnosis>
  readonly storeValues: (k: Known) => Promise<Partial<Record<'PlexOnlineToken' | 'PlexOnlineMail', string>>>
  readonly runs: () => Promise<RunView[]>
  readonly runLog: (runId: string) => Promise<string>
  readonly backups: () => Promise<BackupManifest[]>
  readonly backupPayload: (id: string) => Promise<Buffer>
  readonly dockerProblem: () => Promise<string | null>
}

const controlOf = (k: Known): string => {
  const c = k.installation.control
  const { kind, ...rest } = c
  const detail = Object.values(rest).filter((v) => typeof v === 'string' && v).join(', ')
  return detail ? `${kind} (${detail})` : kind
}

function diagnosisLines(d: Diagnosis): string[] {
  const s = d.signIn
  const lines = [s.state === 'valid' ? `plex.tv accepts its token, for ${s.account.username ?? 'an unnamed account'}` : s.state === 'revoked' ? 'plex.tv no longer accepts its token (revoked)' : s.state === 'claim-needed' ? 'its token is empty: it needs a claim' : `plex.tv's view unknown (${s.reason})`]
  if (d.localAccess) lines.push(`allowedNetworks ${d.localAccess.allowedNetworks.join(', ')}; the server sees this computer as ${d.localAccess.seenAs.addresses.join(' or ')} (${d.localAccess.inside ? 'inside' : 'outside'})`)
  return lines
}

/** The token and e-mail a backup's bytes hold: removed from the report wherever they appear. */
async function backupSecrets(m: BackupManifest, payload: Buffer): Promise<string[]> {
  try {
    const values = m.fileName === 'Preferences.xml' ? ((p) => ({ PlexOnlineToken: attributeValue(p, 'PlexOnlineToken'), PlexOnlineMail: attributeValue(p, 'PlexOnlineMail') }))(parsePreferences(payload)) : m.fileName.endsWith('.plist') ? await readPlistValues(payload) : readRegValues(payload)
    return [values.PlexOnlineToken, values.PlexOnlineMail].filter((v): v is string => Boolean(v))
  } catch {
    return [] // an unreadable payload: the shape rules still apply
  }
}

const caught = <T>(p: Promise<T>, fallback: T): Promise<T> => p.catch(() => fallback) // each section of the report says itself what it could not read

/** Gathers and formats the report; every source may fail on its own, and says so in the report. */
export async function buildSupportReport(src: ReportSources, options: SupportReportOptions): Promise<string> {
  const includeEmail = options.includeEmail === true
  const notes: string[] = []
  const secrets: string[] = []
  const known = await src.installations().catch((e: Error) => (notes.push(`Detection failed: ${e.message}`), [] as Known[]))
  const docker = await caught(src.dockerProblem(), null)
  if (docker) notes.push(docker)
  const installations = await Promise.all(
    known.map(async (k): Promise<ReportInstallation> => {
      const i = k.installation
      const [o, d, values] = await Promise.all([caught(src.observe(k), null), caught(src.diagnose(k), null), caught(src.storeValues(k), {})])
      secrets.push(...[values.PlexOnlineToken, values.PlexOnlineMail].filter((v): v is string => Boolean(v)))
      return {
        id: i.id,
        label: i.label,
        host: describeHost(i.host),
        platform: i.platform,
        installType: i.installType,
        settings: describeTarget(i.store),
        dataDir: i.dataDir,
        pidFile: i.pidFile,
        control: controlOf(k),
        signedInAs: i.account?.username ?? null,
        tokenPresent: i.account ? i.account.tokenPresent : null,
        email: includeEmail ? (values.PlexOnlineMail ?? null) : null,
        readError: i.readError ? `${i.readError.code}: ${i.readError.message}` : null,
        server: o ? describeObservation(o) : null,
        diagnosis: d ? diagnosisLines(d) : ['could not be made']
      }
    })
  )
  const manifests = await src.backups().catch((e: Error) => (notes.push(`The backups could not be listed: ${e.message}`), [] as BackupManifest[]))
  for (const m of manifests) secrets.push(...(await caught(src.backupPayload(m.id).then((p) => backupSecrets(m, p)), [])))
  const backups = manifests.map((m) => `${m.id}  ${m.createdAt}  ${m.reason}  ${m.installType} on ${describeHost(m.host)}  ${describeTarget(m.target)}  sha256 ${m.sha256.slice(0, 12)}…  ${m.account.username ?? 'no account'}  (${m.keysPresent.join(', ') || 'no sign-in keys'})`)
  const all = await src.runs().catch((e: Error) => (notes.push(`The runs could not be listed: ${e.message}`), [] as RunView[]))
  const newest = [...all].sort((a, b) => b.runId.localeCompare(a.runId)).slice(0, REPORT_RUNS)
  const runs: ReportRun[] = await Promise.all(
    newest.map(async (r) => {
      const log = await caught(src.runLog(r.runId), '')
      if (r.status === 'unreadable') return { runId: r.runId, summary: `unreadable: ${r.problem}`, log }
      const j = r.journal
      const outcome = j.outcome ?? (r.status === 'cut-off' ? `cut off during ${j.current ?? 'a step'}` : r.status)
      return { runId: r.runId, summary: `${j.kind} (${j.mode === 'service' ? 'with service control' : 'no service control'}) of ${j.label} on ${describeHost(j.host)}: ${outcome}${j.error ? ` (${j.error.code}: ${j.error.message})` : ''}`, log }
    })
  )
  // The preflight's findings, as its run logged them ("preflight clock: ok: …").
  const finding = /\spreflight ([a-z-]+: (?:ok|warning|FAILED): .*)$/
  const lastWithPreflight = runs.find((r) => r.log.split('\n').some((l) => finding.test(l)))
  const preflight = lastWithPreflight ? [`from run ${lastWithPreflight.runId}:`, ...lastWithPreflight.log.split('\n').flatMap((l) => (finding.exec(l)?.slice(1, 2) ?? []).map((f) => `  ${f}`))] : []
  return formatReport({
    generatedAt: new Date().toISOString(),
    app: { name: APP_NAME, version: src.env.appVersion, surface: options.surface },
    system: { os: platform(), release: release(), arch: arch() },
    includeEmail,
    error: options.error ?? null,
    installations,
    notes,
    runs,
    backups,
    preflight,
    secrets
  })
}

/** Where a report goes unless the user says: the reports folder beside the backups (0600 in 0700). */
export const reportPathIn = (backupDir: string, now = new Date()): string => join(backupDir, 'reports', `plex-reclaim-report-${now.toISOString().replace(/[:.]/g, '-')}.txt`)

export interface SaveReportOptions extends SupportReportOptions {
  /** The file to write (the CLI's --out); else the reports folder beside the backups. */
  readonly out?: string
  /** The machine whose installations are reported (this computer unless a server over SSH). */
  readonly entry?: HostEntry
  /** The installation the user is working on, when it was not detected (a file pointed at). */
  readonly installationId?: string | null
}

/** The sources, all from the application service's public face. */
export function reportSources(service: AppService, entry: HostEntry): ReportSources {
  return {
    env: service.env,
    entry,
    installations: async () => service.detect(entry),
    observe: (k) => service.observe(k),
    diagnose: (k) => service.diagnose(k),
    storeValues: (k) => readSettingValues(service.installations.storeOf(k), ['PlexOnlineToken', 'PlexOnlineMail'] as const),
    runs: () => service.runs.list(),
    runLog: (runId) => service.runLog(runId),
    backups: () => service.listBackups(),
    backupPayload: async (id) => (await service.runs.backups.readVerified(id)).payload,
    dockerProblem: () => service.dockerProblem(entry)
  }
}

const knownOrNull = (service: AppService, id: string): Known | null => {
  try {
    return service.installations.get(id)
  } catch {
    return null // forgotten since (a new detection): the fresh detection stands
  }
}

/** Builds the report and writes it (0600, atomically); returns its path. */
export async function saveSupportReport(service: AppService, options: SaveReportOptions): Promise<string> {
  const entry = options.entry ?? service.hosts.local
  const src = reportSources(service, entry)
  const extra = options.installationId ? knownOrNull(service, options.installationId) : null
  const installations = async (): Promise<Known[]> => {
    const list = await src.installations()
    return extra && !list.some((k) => k.installation.id === extra.installation.id) ? [...list, extra] : list
  }
  const text = await buildSupportReport({ ...src, installations }, options)
  const local = service.env.local
  const path = resolve(options.out ?? reportPathIn(service.env.backupDir))
  if (!options.out) await local.mkdir(dirname(path), 0o700)
  await local.writeFileAtomic(path, Buffer.from(text, 'utf8'), { mode: 0o600 })
  return path
}
