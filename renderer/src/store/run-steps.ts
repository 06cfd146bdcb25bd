/** The steps of main's two plans, in order, as the engine journals them. */
export const RESET_STEPS = ['preflight', 'backup', 'verify-backup', 'stop', 'verify-stopped', 'remove', 'verify-store', 'start', 'verify-unclaimed']
export const RESTORE_STEPS = ['verify-backup', 'stop', 'verify-stopped', 'backup', 'restore', 'verify-store', 'start', 'verify-started']
