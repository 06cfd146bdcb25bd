import { APP_VERSION } from '../app/index'

// The CLI's help: one entry per command (usage, each flag, an example, exit codes). The README's CLI
// section lists the same commands and flags; main/cli/help.test.ts compares the two.

export interface CommandHelp {
  summary: string
  usage: string[]
  flags: Record<string, string>
  example: string
  exits?: string
}

const ROOT = { '--root DIR': 'Read the machine\'s paths below DIR (a mounted disk image, a NAS share, a test layout).' }
const BACKUP_DIR = { '--backup-dir DIR': 'Keep backups (and run journals) in DIR instead of the per-user folder.' }
const SERVER = {
  '--server ID': 'Which installation, when detection finds more than one (the id that detect prints).',
  '--port N': 'The server\'s local API port (default 32400).',
  ...ROOT
}
const JSON_FLAG = { '--json': 'Print the result as JSON (shapes in the README).' }
const YES = { '--yes, -y': 'Confirm the change; without it nothing is written.' }
export const REMOTE = {
  '--host user@host[:port]': 'Work on a server over SSH; backups stay on this computer.',
  '--identity FILE': 'The SSH private key (else a running agent or ~/.ssh/id_*).',
  '--accept-host-key SHA256:…': 'Trust the server\'s key fingerprint on the first connection.',
  '--password-stdin': 'Read the SSH password, then sudo\'s, from standard input, one a line (never stored).',
  '--sudo': 'Run every step on the server through sudo.'
}
export const COMMON = { '--verbose, -v': 'Print the run\'s log (steps, timings, exit codes; never a token).', '--help, -h': 'Show this help.' }

const EXITS = '0 on success (also when there is nothing to remove), 1 when the job failed, 2 for a usage error.'

export const COMMAND_HELP: Record<string, CommandHelp> = {
  detect: {
    summary: 'Find Plex Media Server installations on this machine (or below --root) and who they are signed in as.',
    usage: ['plex-reclaim detect [--root DIR] [--json]'],
    flags: { ...ROOT, ...JSON_FLAG },
    example: 'sudo plex-reclaim detect',
    exits: '0 when the search ran (also when nothing was found: [] with --json), 1 when it failed, 2 for a usage error.'
  },
  inspect: {
    summary: 'Show who a settings file (Preferences.xml, a .plist or a .reg export) is signed in as. Reads only.',
    usage: ['plex-reclaim inspect --file PATH [--json]'],
    flags: { '--file PATH': 'The settings file to read.', ...JSON_FLAG },
    example: 'plex-reclaim inspect --file "/var/lib/plexmediaserver/Library/Application Support/Plex Media Server/Preferences.xml"'
  },
  status: {
    summary: 'Is the server running, is it claimed, and does plex.tv still accept its token?',
    usage: ['plex-reclaim status [--server ID] [--port N] [--json]'],
    flags: { ...SERVER, ...JSON_FLAG },
    example: 'plex-reclaim status --json'
  },
  stop: {
    summary: 'Stop the server the way its install type does, and prove it stopped (process and port).',
    usage: ['plex-reclaim stop [--server ID] [--port N] [--timeout SECONDS]'],
    flags: { ...SERVER, '--timeout SECONDS': 'How long to wait for the server to stop or start.' },
    example: 'sudo plex-reclaim stop --timeout 60'
  },
  start: {
    summary: 'Start the server the way its install type does, and wait until it answers.',
    usage: ['plex-reclaim start [--server ID] [--port N] [--timeout SECONDS]'],
    flags: { ...SERVER, '--timeout SECONDS': 'How long to wait for the server to stop or start.' },
    example: 'sudo plex-reclaim start'
  },
  reset: {
    summary: 'The whole job: verified backup, stop, remove the four sign-in keys, start, check it is unclaimed. With --no-service, only the file of a server you stopped yourself.',
    usage: [
      'plex-reclaim reset [--server ID] --yes [--port N] [--backup-dir DIR] [--json]',
      'plex-reclaim reset --file PATH --no-service --yes [--backup-dir DIR] [--dry-run] [--force] [--json]',
      'plex-reclaim reset --server ID --no-service --yes [--backup-dir DIR] [--dry-run] [--force] [--json]'
    ],
    flags: {
      ...YES,
      ...SERVER,
      ...BACKUP_DIR,
      '--file PATH': 'The Preferences.xml to edit (with --no-service); or --server ID for a detected store such as the Windows registry.',
      '--no-service': 'Do not stop or start the server: it is already stopped.',
      '--dry-run': 'Say what would be removed; write nothing.',
      '--force': 'Go on although the pid file names a live process that is not Plex.',
      ...JSON_FLAG
    },
    example: 'sudo plex-reclaim reset --yes'
  },
  claim: {
    summary: 'Claim the server for your account, with a token from https://www.plex.tv/claim or by signing in.',
    usage: ['plex-reclaim claim --token CLAIM-TOKEN [--port N] [--json]', 'plex-reclaim claim --sign-in [--yes] [--port N] [--json]'],
    flags: {
      '--token CLAIM-TOKEN': 'A claim token (it lives about 4 minutes), with or without its claim- prefix.',
      '--sign-in': 'Print a plex.tv page to open in any browser, wait for the sign-in, then claim.',
      '--yes, -y': 'With --sign-in: go on when that account differs from the one the server had.',
      '--port N': SERVER['--port N'],
      ...JSON_FLAG
    },
    example: 'plex-reclaim claim --token claim-xxxxxxxxxxxxxxxxxxxx'
  },
  backups: {
    summary: 'List the verified backups, newest first.',
    usage: ['plex-reclaim backups [--backup-dir DIR] [--json]'],
    flags: { ...BACKUP_DIR, ...JSON_FLAG },
    example: 'plex-reclaim backups'
  },
  restore: {
    summary: 'Put a backup back (the current file is backed up first).',
    usage: ['plex-reclaim restore ID --yes [--server ID] [--port N] [--backup-dir DIR] [--json]', 'plex-reclaim restore ID --no-service --yes [--backup-dir DIR] [--json]'],
    flags: { ...YES, ...SERVER, '--no-service': 'Do not stop or start the server: it is already stopped.', ...BACKUP_DIR, ...JSON_FLAG },
    example: 'sudo plex-reclaim restore 2026-11-29T09-30-00Z-1a2b --yes'
  },
  resume: {
    summary: 'Finish a run that was cut off (power loss, a dropped SSH connection).',
    usage: ['plex-reclaim resume [RUN_ID] [--backup-dir DIR] [--json]'],
    flags: { ...BACKUP_DIR, ...JSON_FLAG },
    example: 'sudo plex-reclaim resume'
  },
  rollback: {
    summary: 'Undo a run that was cut off: put the original settings back and start the server.',
    usage: ['plex-reclaim rollback [RUN_ID] [--backup-dir DIR] [--json]'],
    flags: { ...BACKUP_DIR, ...JSON_FLAG },
    example: 'sudo plex-reclaim rollback'
  },
  report: {
    summary: 'Save a support report to post in a forum: versions, installations, diagnosis, recent runs, backups. No token, password, claim code or e-mail address.',
    usage: ['plex-reclaim report [--out FILE] [--include-email] [--root DIR] [--backup-dir DIR] [--json]'],
    flags: { '--out FILE': 'Write the report to FILE (else into a reports folder beside the backups).', '--include-email': 'Keep e-mail addresses in the report (left out unless you ask).', ...ROOT, ...BACKUP_DIR, ...JSON_FLAG },
    example: 'sudo plex-reclaim report --out plex-report.txt'
  },
  completion: {
    summary: 'Print the shell completion script for bash, zsh or fish (commands and their flags, from this help), or with man the manual page.',
    usage: ['plex-reclaim completion bash|zsh|fish|man'],
    flags: {},
    example: 'plex-reclaim completion bash > ~/.local/share/bash-completion/completions/plex-reclaim',
    exits: '0 with the script, 2 for a shell it does not know.'
  },
  help: {
    summary: 'Show the help of one command.',
    usage: ['plex-reclaim help [COMMAND]'],
    flags: {},
    example: 'plex-reclaim help reset',
    exits: '0, or 2 for an unknown command.'
  }
}

const indent = (rows: Record<string, string>): string[] => {
  const width = Math.max(0, ...Object.keys(rows).map((k) => k.length))
  return Object.entries(rows).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)
}

/** The overview that `plex-reclaim --help` prints. */
export function overview(): string {
  return [
    `plex-reclaim ${APP_VERSION}: get a locked-out Plex Media Server back`,
    '',
    'Usage:',
    ...Object.values(COMMAND_HELP).flatMap((c) => c.usage.map((u) => `  ${u}`)),
    '',
    'Every command takes:',
    ...indent({ ...COMMON, '--version': 'Print the version.' }),
    '',
    'Commands that work on a server also take, to reach it over SSH:',
    ...indent(REMOTE),
    '',
    'Run "plex-reclaim help COMMAND" (or "plex-reclaim COMMAND --help") for a command\'s flags and an example.',
    '',
    `Exit status: ${EXITS}`
  ].join('\n')
}

/** One command's help, or undefined for an unknown command. */
export function commandHelp(name: string): string | undefined {
  const c = Object.hasOwn(COMMAND_HELP, name) ? COMMAND_HELP[name] : undefined
  if (!c) return undefined
  const remote = name === 'help' ? {} : REMOTE
  return [
    `plex-reclaim ${name}: ${c.summary}`,
    '',
    'Usage:',
    ...c.usage.map((u) => `  ${u}`),
    '',
    'Flags:',
    ...indent({ ...c.flags, ...remote, ...COMMON }),
    '',
    'Example:',
    `  ${c.example}`,
    '',
    `Exit status: ${c.exits ?? EXITS}`
  ].join('\n')
}
