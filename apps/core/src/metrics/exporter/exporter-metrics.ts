import type { Source } from './exporter-collectors';

export interface ExporterMetric {
  name: string;
  help: string;
  labels: readonly string[];
  source: Source;
}

/** Harbor's exporter metrics (goharbor.io: administration/metrics), with their sources here. */
export const EXPORTER_METRICS: readonly ExporterMetric[] = [
  { name: 'harbor_health', help: 'Running status of Harbor', labels: [], source: 'health' },
  { name: 'harbor_up', help: 'Running status of harbor component', labels: ['component'], source: 'health' },
  { name: 'harbor_system_info', help: 'Information of Harbor system', labels: ['auth_mode', 'harbor_version', 'self_registration'], source: 'system' },
  { name: 'harbor_project_total', help: 'Total projects number', labels: ['public'], source: 'projects' },
  { name: 'harbor_project_quota_usage_byte', help: 'The used resource of a project', labels: ['project_name'], source: 'projects' },
  { name: 'harbor_project_quota_byte', help: 'The quota of a project', labels: ['project_name'], source: 'projects' },
  { name: 'harbor_project_repo_total', help: 'Total project repos number', labels: ['project_name', 'public'], source: 'projects' },
  { name: 'harbor_project_member_total', help: 'Total members number of a project', labels: ['project_name'], source: 'projects' },
  { name: 'harbor_artifact_pulled', help: 'The pull number of an artifact', labels: ['project_name'], source: 'projects' },
  { name: 'harbor_project_artifact_total', help: 'Total project artifacts number', labels: ['project_name', 'public', 'artifact_type'], source: 'projects' },
  { name: 'harbor_statistics_total_project_amount', help: 'Total amount of projects', labels: [], source: 'statistics' },
  { name: 'harbor_statistics_public_project_amount', help: 'Amount of public projects', labels: [], source: 'statistics' },
  { name: 'harbor_statistics_private_project_amount', help: 'Amount of private projects', labels: [], source: 'statistics' },
  { name: 'harbor_statistics_total_repo_amount', help: 'Total amount of repositories', labels: [], source: 'statistics' },
  { name: 'harbor_statistics_public_repo_amount', help: 'Amount of public repositories', labels: [], source: 'statistics' },
  { name: 'harbor_statistics_private_repo_amount', help: 'Amount of private repositories', labels: [], source: 'statistics' },
  { name: 'harbor_statistics_total_storage_consumption', help: 'Total storage used', labels: [], source: 'statistics' },
  { name: 'harbor_task_scheduled_total', help: 'total number of scheduled job', labels: [], source: 'schedules' },
  { name: 'harbor_task_queue_size', help: 'Total number of tasks', labels: ['type'], source: 'jobservice' },
  { name: 'harbor_task_queue_latency', help: 'the time last taks processed', labels: ['type'], source: 'jobservice' },
  { name: 'harbor_task_concurrency', help: 'Total number of concurrency on a pool', labels: ['type', 'pool'], source: 'jobservice' },
];
