import { parseArgs } from 'node:util'

/** Every flag the CLI takes: the one definition that parsing, CliFlags and the help text agree on. */
export const OPTIONS = {
  json: { type: 'boolean', default: false },
  yes: { type: 'boolean', short: 'y', default: false },
  'dry-run': { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  'no-service': { type: 'boolean', default: false },
  verbose: { type: 'boolean', short: 'v', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
  root: { type: 'string' },
  'backup-dir': { type: 'string' },
  file: { type: 'string' },
  server: { type: 'string' },
  token: { type: 'string' },
  'sign-in': { type: 'boolean', default: false },
  timeout: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  identity: { type: 'string' },
  'accept-host-key': { type: 'string' },
  'password-stdin': { type: 'boolean', default: false },
  sudo: { type: 'boolean', default: false },
  out: { type: 'string' },
  'include-email': { type: 'boolean', default: false }
} as const

/** The command line, parsed strictly (an unknown flag or a missing value throws). */
export const parseFlags = (argv: readonly string[]) => parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true })

/** The flags as parsed: derived from OPTIONS, never restated. */
export type CliFlags = Readonly<ReturnType<typeof parseFlags>['values']>
