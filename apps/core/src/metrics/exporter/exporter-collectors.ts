import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { JobserviceConnection } from '../../jobs/jobservice-target';
import { StatisticsRepository } from '../../statistics/statistics.repository';
import { SettingsRepository } from '../../systeminfo/settings.repository';
import { HARBOR_VERSION } from '../../systeminfo/version';
import { LOGGER } from '../../tokens';
import { ComponentHealth } from './component-health';
import { ProjectMetricsRepository } from './project-metrics.repository';

export type Labels = Record<string, string>;
/** Series of one scrape: metric name -> its samples. */
export type Series = Record<string, { labels: Labels; value: number }[]>;
export type Source = 'health' | 'system' | 'projects' | 'statistics' | 'schedules' | 'jobservice';

const bool = (b: boolean) => (b ? 'true' : 'false');

/**
 * Harbor's exporter collectors (pkg/exporter), each reading its source once per scrape: health,
 * system info, projects, statistics, jobservice. A source that fails is logged and contributes
 * nothing, as in Harbor, so a stopped jobservice does not hide the project figures.
 */
@Injectable()
export class ExporterCollectors {
  constructor(
    private readonly health: ComponentHealth,
    private readonly settings: SettingsRepository,
    private readonly projects: ProjectMetricsRepository,
    private readonly statistics: StatisticsRepository,
    private readonly jobservice: JobserviceConnection,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** Each source's reader; a failure is logged and yields no series. */
  sources(): Record<Source, () => Promise<Series>> {
    const guarded = (source: Source, read: () => Promise<Series>) => () => read().catch((err: unknown) => this.failed(source, err));
    return {
      health: guarded('health', () => this.healthSeries()),
      system: guarded('system', () => this.systemSeries()),
      projects: guarded('projects', () => this.projectSeries()),
      statistics: guarded('statistics', () => this.statisticsSeries()),
      schedules: guarded('schedules', async () => ({ harbor_task_scheduled_total: [{ labels: {}, value: await this.projects.scheduleCount() }] })),
      jobservice: guarded('jobservice', () => this.jobserviceSeries()),
    };
  }

  private async healthSeries(): Promise<Series> {
    const components = await this.health.probeAll();
    const up = components.map((c) => ({ labels: { component: c.name }, value: c.status === 'healthy' ? 1 : 0 }));
    return { harbor_health: [{ labels: {}, value: up.every((u) => u.value === 1) ? 1 : 0 }], harbor_up: up };
  }

  private async systemSeries(): Promise<Series> {
    const s = await this.settings.read();
    return { harbor_system_info: [{ labels: { auth_mode: s.authMode, harbor_version: HARBOR_VERSION, self_registration: bool(s.selfRegistration) }, value: 1 }] };
  }

  private async projectSeries(): Promise<Series> {
    const [totals, projects, artifacts] = await Promise.all([this.projects.projectTotals(), this.projects.projects(), this.projects.artifactCounts()]);
    const withQuota = projects.filter((p) => p.quotaBytes !== null);
    return {
      harbor_project_total: [true, false].map((pub) => ({ labels: { public: bool(pub) }, value: totals.find((t) => t.public === pub)?.count ?? 0 })),
      harbor_project_quota_usage_byte: withQuota.map((p) => ({ labels: { project_name: p.name }, value: p.usedBytes ?? 0 })),
      harbor_project_quota_byte: withQuota.map((p) => ({ labels: { project_name: p.name }, value: p.quotaBytes ?? -1 })),
      harbor_project_repo_total: projects.map((p) => ({ labels: { project_name: p.name, public: bool(p.public) }, value: p.repositories })),
      harbor_project_member_total: projects.map((p) => ({ labels: { project_name: p.name }, value: p.members })),
      harbor_artifact_pulled: projects.map((p) => ({ labels: { project_name: p.name }, value: p.pulls })),
      harbor_project_artifact_total: artifacts.map((a) => ({ labels: { project_name: a.project, public: bool(a.public), artifact_type: a.type }, value: a.count })),
    };
  }

  private async statisticsSeries(): Promise<Series> {
    const [all, pub, storage] = await Promise.all([this.statistics.allCounts(), this.statistics.publicCounts(), this.statistics.storageConsumption()]);
    const one = (value: number) => [{ labels: {}, value }];
    return {
      harbor_statistics_total_project_amount: one(all.projects),
      harbor_statistics_public_project_amount: one(pub.projects),
      harbor_statistics_private_project_amount: one(all.projects - pub.projects),
      harbor_statistics_total_repo_amount: one(all.repositories),
      harbor_statistics_public_repo_amount: one(pub.repositories),
      harbor_statistics_private_repo_amount: one(all.repositories - pub.repositories),
      harbor_statistics_total_storage_consumption: one(storage),
    };
  }

  /** Queues and busy workers come from jobservice, which owns the BullMQ queues. */
  private async jobserviceSeries(): Promise<Series> {
    const [queues, workers] = await Promise.all([this.jobservice.client.queues(), this.jobservice.client.workers('all')]);
    const busy = new Map<string, { type: string; pool: string; count: number }>();
    for (const w of workers.filter((w) => w.job_name !== '')) {
      const key = `${w.job_name}\u0000${w.pool_id}`;
      const entry = busy.get(key) ?? { type: w.job_name, pool: w.pool_id, count: 0 };
      entry.count++;
      busy.set(key, entry);
    }
    return {
      harbor_task_queue_size: queues.map((q) => ({ labels: { type: q.job_type }, value: q.count })),
      harbor_task_queue_latency: queues.map((q) => ({ labels: { type: q.job_type }, value: q.latency })),
      harbor_task_concurrency: [...busy.values()].map((b) => ({ labels: { type: b.type, pool: b.pool }, value: b.count })),
    };
  }

  private failed(source: Source, err: unknown): Series {
    this.log.warn({ source, err: err instanceof Error ? err.message : String(err) }, 'exporter collector failed');
    return {};
  }
}
