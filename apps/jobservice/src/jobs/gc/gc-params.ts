/** What a GC run is asked to do (Harbor's GC job parameters, as core's /system/gc sends them). */
export interface GcParams {
  delete_untagged: boolean;
  dry_run: boolean;
  /** Parallel sweep batches in flight, 1-10. */
  workers: number;
  /** Hours: blobs and untagged artifacts younger than this are never deleted. */
  time_window: number;
}

export const GC_DEFAULTS: GcParams = { delete_untagged: false, dry_run: false, workers: 1, time_window: 2 };

/** Validates again what came through Redis (untyped); throws with the offending key. */
export function parseGcParams(raw: unknown): GcParams {
  const p = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const params: GcParams = {
    delete_untagged: bool(p, 'delete_untagged'),
    dry_run: bool(p, 'dry_run'),
    workers: p.workers === undefined ? GC_DEFAULTS.workers : Number(p.workers),
    time_window: p.time_window === undefined ? GC_DEFAULTS.time_window : Number(p.time_window),
  };
  if (!Number.isInteger(params.workers) || params.workers < 1 || params.workers > 10) {
    throw new Error(`GC parameter workers must be an integer from 1 to 10, got ${JSON.stringify(p.workers)}`);
  }
  if (!Number.isFinite(params.time_window) || params.time_window < 0) {
    throw new Error(`GC parameter time_window must be a number of hours >= 0, got ${JSON.stringify(p.time_window)}`);
  }
  return params;
}

function bool(p: Record<string, unknown>, key: 'delete_untagged' | 'dry_run'): boolean {
  const value = p[key];
  if (value === undefined) return GC_DEFAULTS[key];
  if (typeof value !== 'boolean') throw new Error(`GC parameter ${key} must be a boolean, got ${JSON.stringify(value)}`);
  return value;
}
