import { integerIn, optionalBoolean } from './job-parameters';

/** What a GC run is asked to do; handed to the GARBAGE_COLLECTION handler as its params. */
export interface GcParameters {
  [key: string]: unknown;
  delete_untagged: boolean;
  dry_run: boolean;
  /** Parallel sweep workers. */
  workers: number;
  /** Blobs uploaded this many hours ago or later are never deleted. */
  time_window: number;
}

export const GC_WORKERS = { min: 1, max: 10 };
/** Up to a year; 0 leaves no grace for blobs a push has uploaded but not yet referenced. */
export const GC_TIME_WINDOW_HOURS = { min: 0, max: 8760, fallback: 2 };

export function parseGcParameters(params: Record<string, unknown>): GcParameters {
  return {
    delete_untagged: optionalBoolean(params, 'delete_untagged', false),
    dry_run: optionalBoolean(params, 'dry_run', false),
    workers: integerIn(params, 'workers', GC_WORKERS, 1),
    time_window: integerIn(params, 'time_window', GC_TIME_WINDOW_HOURS, GC_TIME_WINDOW_HOURS.fallback),
  };
}
