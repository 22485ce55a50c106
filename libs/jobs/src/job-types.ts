/**
 * Harbor's job types (jobservice vendor types). One BullMQ queue per type; the scan,
 * replication and preheat ones are declared so queues and the dashboard list them before their
 * handlers exist.
 */
export const JOB_TYPES = [
  'GARBAGE_COLLECTION',
  'RETENTION',
  'WEBHOOK',
  'SLACK',
  'PURGE_AUDIT_LOG',
  'REPLICATION',
  'IMAGE_SCAN',
  'SCAN_ALL',
  'P2P_PREHEAT',
] as const;

export type JobType = (typeof JOB_TYPES)[number];

export function isJobType(value: unknown): value is JobType {
  return typeof value === 'string' && (JOB_TYPES as readonly string[]).includes(value);
}

/** How an execution was started (Harbor's trigger values). */
export type Trigger = 'MANUAL' | 'SCHEDULE' | 'EVENT';
