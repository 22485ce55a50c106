import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PROJECT_IS_PUBLIC } from '../../auth/project-directory';

/** One project's figures, as Harbor's exporter gathers them (project_collector.go). */
export interface ProjectFigures {
  name: string;
  public: boolean;
  /** Storage quota in bytes (-1: unlimited); null when the project has no quota row. */
  quotaBytes: number | null;
  usedBytes: number | null;
  /** Users only (entity_type 'u'), as Harbor counts them. */
  members: number;
  repositories: number;
  pulls: number;
}

export interface ArtifactCount {
  project: string;
  public: boolean;
  type: string;
  count: number;
}

/** The exporter's reads, one query each. */
@Injectable()
export class ProjectMetricsRepository {
  constructor(private readonly db: DataSource) {}

  async projectTotals(): Promise<{ public: boolean; count: number }[]> {
    return this.db.query(`SELECT ${PROJECT_IS_PUBLIC} AS public, count(*)::int AS count FROM project p GROUP BY 1`);
  }

  async projects(): Promise<ProjectFigures[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT p.name, ${PROJECT_IS_PUBLIC} AS public, q.hard_storage AS quota, q.used_storage AS used,
         (SELECT count(*) FROM project_member pm WHERE pm.project_id = p.project_id AND pm.entity_type = 'u')::int AS members,
         r.repositories, r.pulls
       FROM project p
       LEFT JOIN quota q ON q.reference = 'project' AND q.reference_id = p.project_id::text
       CROSS JOIN LATERAL (SELECT count(*)::int AS repositories, COALESCE(sum(pull_count), 0)::bigint AS pulls
                           FROM repository WHERE project_id = p.project_id) r
       ORDER BY p.name`,
    );
    return rows.map((r) => ({
      name: String(r.name),
      public: Boolean(r.public),
      quotaBytes: r.quota === null ? null : Number(r.quota),
      usedBytes: r.used === null ? null : Number(r.used),
      members: Number(r.members),
      repositories: Number(r.repositories),
      pulls: Number(r.pulls),
    }));
  }

  async artifactCounts(): Promise<ArtifactCount[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT p.name AS project, ${PROJECT_IS_PUBLIC} AS public, a.type, count(*)::int AS count
       FROM artifact a JOIN project p ON p.project_id = a.project_id
       GROUP BY p.project_id, p.name, a.type`,
    );
    return rows.map((r) => ({ project: String(r.project), public: Boolean(r.public), type: String(r.type), count: Number(r.count) }));
  }

  /** Harbor's harbor_task_scheduled_total: the schedules jobservice runs. */
  async scheduleCount(): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS count FROM schedule`);
    return Number(row.count);
  }
}
