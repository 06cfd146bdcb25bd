/**
 * The engine's step ids, and the order of its two plans: the one list the engine, the journal,
 * the IPC contract and the wizard's progress list all read (plain data, no imports).
 */
export const RESET_STEP_IDS = ['preflight', 'backup', 'verify-backup', 'stop', 'verify-stopped', 'remove', 'verify-store', 'start', 'verify-unclaimed'] as const
export const RESTORE_STEP_IDS = ['verify-backup', 'stop', 'verify-stopped', 'backup', 'restore', 'verify-store', 'start', 'verify-started'] as const
export const STEP_IDS = ['preflight', 'backup', 'verify-backup', 'stop', 'verify-stopped', 'remove', 'restore', 'verify-store', 'start', 'verify-unclaimed', 'verify-started'] as const
export type StepId = (typeof STEP_IDS)[number]

/** Ids of backups and runs (20261128-231502-3fa9c1) and of installations (pms- and 12 hex digits): never a path. */
export const STAMP_ID = /^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$/
export const INSTALLATION_ID = /^pms-[0-9a-f]{12}$/
