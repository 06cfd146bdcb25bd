import { scrub } from './scrub'

/** One installation as the report shows it: paths, kind, control, who it is signed in as by name. */
export interface ReportInstallation {
  readonly id: string
  readonly label: string
  readonly host: string
  readonly platform: string
  readonly installType: string
  readonly settings: string
  readonly dataDir: string
  readonly pidFile: string | null
  readonly control: string
  readonly signedInAs: string | null
  readonly tokenPresent: boolean | null
  /** Only when the user chose to include e-mail addresses. */
  readonly email: string | null
  readonly readError: string | null
  readonly server: string | null
  readonly diagnosis: readonly string[]
}

export interface ReportRun {
  readonly runId: string
  readonly summary: string
  readonly log: string
}

export interface ReportInput {
  readonly generatedAt: string
  readonly app: { readonly name: string; readonly version: string; readonly surface: 'cli' | 'desktop' }
  readonly system: { readonly os: string; readonly release: string; readonly arch: string }
  readonly includeEmail: boolean
  /** The error the user was looking at when they saved the report, if any. */
  readonly error: { readonly code: string; readonly message: string } | null
  readonly installations: readonly ReportInstallation[]
  readonly notes: readonly string[]
  readonly runs: readonly ReportRun[]
  readonly backups: readonly string[]
  readonly preflight: readonly string[]
  /** Exact values to remove wherever they appear (tokens, e-mails read from the sources). */
  readonly secrets: readonly string[]
}

/** How many of the newest runs the report carries, and how much of each log. */
export const REPORT_RUNS = 5
export const REPORT_LOG_LINES = 120

const section = (title: string, lines: readonly string[]): string[] => ['', `== ${title} ==`, ...(lines.length ? lines : ['(none)'])]

export function header(input: Pick<ReportInput, 'generatedAt' | 'app' | 'includeEmail'>): string[] {
  return [
    `${input.app.name} support report, ${input.generatedAt}`,
    'It contains: the product version, the operating system, each Plex Media Server installation found',
    '(paths, install type, how it is started and stopped, the account it is signed in to by name only),',
    "plex.tv's view of it, the newest runs with their logs and outcomes, the list of backups, and the",
    "checks made before the last change (the preflight's findings).",
    `It leaves out: tokens, passwords, claim codes${input.includeEmail ? '' : ' and e-mail addresses'} (removed wherever they appear,`,
    `shown as [removed], [token removed], [claim code removed]${input.includeEmail ? '' : ', [e-mail removed]'}), and the settings files and backups themselves.`,
    input.includeEmail ? 'E-mail addresses are included, because you chose so.' : 'E-mail addresses are not included.',
    'Read it before you post it.'
  ]
}

function installationLines(i: ReportInstallation): string[] {
  return [
    `${i.id}  ${i.label} (on ${i.host})`,
    `  platform:      ${i.platform}, install type ${i.installType}`,
    `  settings:      ${i.settings}`,
    `  data folder:   ${i.dataDir}`,
    `  pid file:      ${i.pidFile ?? 'none'}`,
    `  control:       ${i.control}`,
    `  signed in as:  ${i.readError ? `cannot tell (${i.readError})` : (i.signedInAs ?? (i.tokenPresent ? 'an unnamed account' : 'not signed in'))}${i.tokenPresent === null || i.readError ? '' : i.tokenPresent ? ', token present' : ', no token'}`,
    ...(i.email ? [`  e-mail:        ${i.email}`] : []),
    `  server now:    ${i.server ?? 'unknown'}`,
    ...i.diagnosis.map((d) => `  diagnosis:     ${d}`)
  ]
}

const tail = (log: string): string[] => {
  const lines = log.split('\n').filter((l) => l.length > 0)
  return lines.length > REPORT_LOG_LINES ? [`  (first ${lines.length - REPORT_LOG_LINES} lines left out)`, ...lines.slice(-REPORT_LOG_LINES).map((l) => `  ${l}`)] : lines.map((l) => `  ${l}`)
}

/** The whole report as plain text, scrubbed last. */
export function formatReport(input: ReportInput): string {
  const lines = [
    ...header(input),
    ...section('Product and system', [`${input.app.name} ${input.app.version} (${input.app.surface === 'cli' ? 'command line' : 'desktop app'})`, `${input.system.os} ${input.system.release} ${input.system.arch}`]),
    ...(input.error ? section('The error shown', [`${input.error.code}: ${input.error.message}`]) : []),
    ...section('Installations found', input.installations.flatMap(installationLines)),
    ...(input.notes.length ? section('Notes', input.notes) : []),
    ...section(`The newest runs (up to ${REPORT_RUNS})`, input.runs.flatMap((r) => [`${r.runId}  ${r.summary}`, ...tail(r.log)])),
    ...section('Backups', input.backups),
    ...section("The last run's preflight findings", input.preflight)
  ]
  return `${scrub(lines.join('\n'), { secrets: input.secrets, includeEmail: input.includeEmail })}\n`
}
