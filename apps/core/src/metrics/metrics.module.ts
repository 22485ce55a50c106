import { Module } from '@nestjs/common';
import { HealthChecks } from '../health/health.checks';
import { JobserviceConnection } from '../jobs/jobservice-target';
import { StatisticsRepository } from '../statistics/statistics.repository';
import { SettingsRepository } from '../systeminfo/settings.repository';
import { CoreMetrics } from './core-metrics';
import { ComponentHealth } from './exporter/component-health';
import { ExporterCollectors } from './exporter/exporter-collectors';
import { ExporterRegistry } from './exporter/exporter-registry';
import { ProjectMetricsRepository } from './exporter/project-metrics.repository';

/** Core's metrics and the exporter's; mounted on the internal port by mountMetrics (metric.enabled). */
@Module({
  providers: [
    CoreMetrics,
    ExporterRegistry,
    ExporterCollectors,
    ComponentHealth,
    ProjectMetricsRepository,
    HealthChecks,
    JobserviceConnection,
    StatisticsRepository,
    SettingsRepository,
  ],
})
export class MetricsModule {}
