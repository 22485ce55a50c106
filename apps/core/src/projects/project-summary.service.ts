import { Injectable } from '@nestjs/common';
import { ProjectRole } from '@harbor-ts/rbac';
import { DataSource } from 'typeorm';
import type { SecurityContext } from '../auth/security-context';
import { ProjectAccess } from './project-access';

export interface ProjectSummary {
  repo_count: number;
  chart_count: number;
  project_admin_count?: number;
  maintainer_count?: number;
  developer_count?: number;
  guest_count?: number;
  limited_guest_count?: number;
  quota?: { hard: { storage: number }; used: { storage: number } };
  registry: null;
}

const COUNT_FIELDS = [
  [ProjectRole.projectAdmin, 'project_admin_count'],
  [ProjectRole.maintainer, 'maintainer_count'],
  [ProjectRole.developer, 'developer_count'],
  [ProjectRole.guest, 'guest_count'],
  [ProjectRole.limitedGuest, 'limited_guest_count'],
] as const;

/** GET /projects/{p}/summary: member counts and quota only for callers who may see them. */
@Injectable()
export class ProjectSummaryService {
  constructor(private readonly db: DataSource, private readonly projects: ProjectAccess) {}

  async summary(ctx: SecurityContext, nameOrId: string, isName: boolean): Promise<ProjectSummary> {
    const ref = await this.projects.require(ctx, nameOrId, isName, 'project', 'read');
    const [repos] = await this.db.query(`SELECT count(*) AS n FROM repository WHERE project_id = $1`, [ref.id]);
    const summary: ProjectSummary = { repo_count: Number(repos.n), chart_count: 0, registry: null };
    if (await this.projects.can(ctx, ref, 'member', 'list')) Object.assign(summary, await this.memberCounts(ref.id));
    if (await this.projects.can(ctx, ref, 'quota', 'read')) {
      const rows: { hard: string; used: string }[] = await this.db.query(
        `SELECT hard_storage AS hard, used_storage AS used FROM quota WHERE reference = 'project' AND reference_id = $1`, [String(ref.id)]);
      if (rows[0]) summary.quota = { hard: { storage: Number(rows[0].hard) }, used: { storage: Number(rows[0].used) } };
    }
    return summary;
  }

  private async memberCounts(projectId: number): Promise<Partial<ProjectSummary>> {
    const rows: { role: number; n: string }[] = await this.db.query(
      `SELECT role, count(*) AS n FROM project_member WHERE project_id = $1 GROUP BY role`, [projectId]);
    const byRole = new Map(rows.map((r) => [r.role, Number(r.n)]));
    return Object.fromEntries(COUNT_FIELDS.map(([role, field]) => [field, byRole.get(role) ?? 0]));
  }
}
