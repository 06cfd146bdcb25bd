import { z } from 'zod'
import type { InvokeChannel, PayloadOf } from '../../preload/contract'
import { INSTALLATION_ID, STAMP_ID } from '../app/index'

/**
 * Run-time shapes of every invoke payload. Types do not survive IPC, so nothing reaches a
 * handler before its payload passed here. Strict objects: unknown fields are refused too.
 */
const none = z.undefined()
// The id patterns the core checks its own files with: one definition.
const installationId = z.string().regex(INSTALLATION_ID, 'not an installation id')
const backupId = z.string().regex(STAMP_ID, 'not a backup id')
const runId = z.string().regex(STAMP_ID, 'not a run id')
const ofInstallation = z.strictObject({ installationId })

// Each schema is typed by its channel's payload in the contract, so the two cannot drift apart.
export const PAYLOAD_SCHEMAS: { readonly [C in InvokeChannel]: z.ZodType<PayloadOf<C>> } = {
  'app:get-info': none,
  'installations:detect': none,
  'installations:choose-file': none,
  'installations:diagnose': ofInstallation,
  'remote:connect': z.strictObject({
    host: z.string().regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*$|^[0-9a-fA-F:]+$/, 'not a host name or address'),
    port: z.number().int().min(1).max(65535),
    user: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'not a user name'),
    auth: z.enum(['key', 'password']),
    password: z.string().max(1024).optional(),
    sudo: z.boolean().default(false),
    sudoPassword: z.string().max(1024).optional(),
    acceptFingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'not a fingerprint').optional()
  }),
  'backups:list': none,
  'backups:create': ofInstallation,
  'backups:restore': z.strictObject({ backupId }),
  'reset:start': z.strictObject({ installationId, backupId: backupId.nullable() }),
  'installations:standing': ofInstallation,
  'claim:routes': ofInstallation,
  'claim:previous-account': ofInstallation,
  'claim:with-token': z.strictObject({ installationId, token: z.string().min(1).max(200) }),
  'signin:start': ofInstallation,
  'signin:wait': ofInstallation,
  'signin:confirm': ofInstallation,
  'signin:cancel': ofInstallation,
  'runs:list': none,
  'runs:resume': z.strictObject({ runId }),
  'runs:rollback': z.strictObject({ runId }),
  'runs:details': z.strictObject({ runId }),
  'demo:claim-token': none,
  'ownership:check': ofInstallation,
  'report:save': z.strictObject({
    installationId: installationId.nullable(),
    includeEmail: z.boolean(),
    error: z.strictObject({ code: z.string().regex(/^[A-Z_]{1,64}$/), message: z.string().max(4000) }).nullable()
  })
}
