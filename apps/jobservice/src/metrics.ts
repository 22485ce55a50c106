import type { JobType } from '@harbor-ts/jobs';
import { collectProcessMetrics } from '@harbor-ts/metrics';
import { Counter, Gauge, Registry, Summary } from 'prom-client';
import type { PoolInfo } from './pool-registry';

/** How a run of a task ended: the task status it recorded (a run BullMQ will retry failed too). */
export type RunStatus = 'Success' | 'Error' | 'Stopped';

/**
 * Jobservice's metrics, named as Harbor's (src/lib/metric/jobservice.go): processed tasks and
 * their processing time by type and status, and one info series per worker pool. Served on
 * the internal GET /metrics with metric.enabled.
 */
export class JobMetrics {
  readonly registry = new Registry();
  private readonly tasks = new Counter({
    name: 'harbor_jobservice_task_total',
    help: 'The number of processed tasks',
    labelNames: ['type', 'status'] as const,
    registers: [this.registry],
  });
  private readonly processTime = new Summary({
    name: 'harbor_jobservice_task_process_time_seconds',
    help: 'The time duration of the task processing time',
    labelNames: ['type', 'status'] as const,
    percentiles: [0.5, 0.9, 0.99],
    maxAgeSeconds: 600,
    ageBuckets: 5,
    registers: [this.registry],
  });
  private readonly info = new Gauge({
    name: 'harbor_jobservice_info',
    help: 'the information of jobservice',
    labelNames: ['node', 'pool', 'workers'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectProcessMetrics(this.registry);
  }

  pool(pool: PoolInfo): void {
    this.info.set({ node: `${pool.host}:${pool.pid}`, pool: pool.id, workers: String(pool.concurrency) }, 1);
  }

  taskRan(type: JobType, status: RunStatus, seconds: number): void {
    this.tasks.inc({ type, status });
    this.processTime.observe({ type, status }, seconds);
  }
}
