// @harbor-ts/metrics: Harbor's Prometheus conventions shared by the services (prom-client, one
// Registry per service instance, no global registry).
export { HttpMetrics, routeTemplate, UNKNOWN_OPERATION } from './http-metrics';
export { EXPORTER_METRICS_PATH, INTERNAL_METRICS_PATH, metricsHandler } from './exposition';
export { cachedFor } from './cache';
export { snapshotGauge } from './snapshot-gauge';
export { collectProcessMetrics } from './process-metrics';
