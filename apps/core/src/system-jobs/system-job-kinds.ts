import type { JobType } from '@harbor-ts/jobs';
import type { SystemResource } from '@harbor-ts/rbac';
import { parseGcParameters } from './gc-parameters';
import { parsePurgeParameters } from './purge-parameters';

/** One system-wide job with Harbor's /system/<name> API: what differs between GC and purge. */
export interface SystemJobKind {
  type: JobType;
  /** The RBAC system resource (sysadmins, or robots granted it). */
  resource: SystemResource;
  /** For messages: "garbage collection 7 not found". */
  label: string;
  /** The Schedule body's parameters, checked and completed with defaults (400 otherwise). */
  parseParameters(raw: Record<string, unknown>): Record<string, unknown>;
  /** Refuse a manual run while another is unfinished (409). */
  oneAtATime: boolean;
}

export const GC_JOB: SystemJobKind = {
  type: 'GARBAGE_COLLECTION',
  resource: 'garbage-collection',
  label: 'garbage collection',
  parseParameters: parseGcParameters,
  // Two sweeps over one storage would race each other's marks.
  oneAtATime: true,
};

export const PURGE_AUDIT_JOB: SystemJobKind = {
  type: 'PURGE_AUDIT_LOG',
  resource: 'purge-audit',
  label: 'purge audit log job',
  parseParameters: parsePurgeParameters,
  // Purges are idempotent deletes; Harbor lets them overlap.
  oneAtATime: false,
};
