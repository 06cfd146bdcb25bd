import { z } from 'zod'
import type { InvokeChannel } from '../../preload/contract'

/**
 * Run-time shapes of every invoke payload. Types do not survive IPC, so nothing reaches a
 * handler before its payload passed here. Strict objects: unknown fields are refused too.
 */
const none = z.undefined()

export const PAYLOAD_SCHEMAS: { readonly [C in InvokeChannel]: z.ZodType } = {
  'app:get-info': none,
  'installations:detect': none,
  'backups:list': none
}
