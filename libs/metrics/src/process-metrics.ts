import { collectDefaultMetrics, type Registry } from 'prom-client';

// prom-client names these gauges *_total, which promtool (rightly) refuses for non-counters;
// nodejs_active_handles, _requests and _resources carry the same counts by type.
const MISNAMED_GAUGES = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/**
 * The process figures every Harbor component serves beside its own (Go's process_* and go_*
 * there; process_* and nodejs_* here): CPU, resident memory, open fds, heap, event-loop lag.
 * Unprefixed, as distribution's and Harbor's are, so one dashboard panel selects them by job.
 * Collected on scrape; call once per registry, when metrics are enabled.
 */
export function collectProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });
  for (const name of MISNAMED_GAUGES) registry.removeSingleMetric(name);
}
