import { z } from 'zod'
import type { InvokeChannel } from '../../preload/contract'

/**
 * Run-time shapes of every invoke payload. Types do not survive IPC, so nothing reaches a
 * handler before its payload passed here. Strict objects: unknown fields are refused too.
 */
const none = z.undefined()
const installationId = z.string().regex(/^pms-[0-9a-f]{10}$/, 'not an installation id')
const backupId = z.string().regex(/^\d{8}-\d{6}-[0-9a-f]{6}$/, 'not a backup id')
const runId = backupId
const ofInstallation = z.strictObject({ installationId })

export const PAYLOAD_SCHEMAS: { readonly [C in InvokeChannel]: z.ZodType } = {
  'app:get-info': none,
  'installations:detect': none,
  'installations:choose-file': none,
  'backups:list': none,
  'backups:create': ofInstallation,
  'backups:restore': z.strictObject({ backupId }),
  'reset:start': z.strictObject({ installationId, backupId }),
  'claim:routes': ofInstallation,
  'claim:with-token': z.strictObject({ installationId, token: z.string().min(1).max(200) }),
  'signin:start': ofInstallation,
  'signin:wait': ofInstallation,
  'signin:cancel': ofInstallation,
  'runs:cut-off': none,
  'runs:resume': z.strictObject({ runId }),
  'runs:rollback': z.strictObject({ runId }),
  'runs:details': z.strictObject({ runId }),
  'demo:claim-token': none
}
