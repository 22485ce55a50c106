import type { Tuning } from '../../src/tuning';

/** Queue timings short enough for tests: retries after 200 ms, crash recovery within ~3 s. */
export const FAST: Tuning = { backoffDelayMs: 200, lockDurationMs: 2_000, stalledIntervalMs: 1_000 };
