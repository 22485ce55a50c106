import { Injectable } from '@nestjs/common';
import { highestRole } from '@harbor-ts/rbac';
import type { SecurityContext } from '../auth/security-context';
import { type ProjectRow, ProjectsRepository } from './projects.repository';

/** Harbor's Project model as the API returns it. */
export interface ProjectView {
  project_id: number;
  owner_id: number;
  name: string;
  registry_id: number;
  creation_time: Date;
  update_time: Date;
  deleted: boolean;
  owner_name?: string;
  togglable: boolean;
  current_user_role_id: number;
  current_user_role_ids: number[] | null;
  repo_count: number;
  metadata?: Record<string, string>;
  cve_allowlist?: CveAllowlistView;
}

interface CveAllowlistView {
  id: number;
  project_id: number;
  items: never[];
  creation_time: string;
  update_time: string;
}

// Harbor returns a project's allowlist even when it has none; allowlists are not stored here,
// so every project carries the empty one, with Go's zero time as Harbor shows it.
const ZERO_TIME = '0001-01-01T00:00:00.000Z';

/**
 * Builds Project payloads for a page of rows with one query per fact (metadata, owners, repo
 * counts, the caller's roles). without detail: no metadata, owner name or allowlist, as Harbor.
 */
@Injectable()
export class ProjectViews {
  constructor(private readonly repo: ProjectsRepository) {}

  async build(ctx: SecurityContext, rows: ProjectRow[], detail = true): Promise<ProjectView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.project_id);
    const userId = ctx.userId;
    const [metadata, owners, repos, roles] = await Promise.all([
      detail ? this.repo.metadataOf(ids) : [],
      detail ? this.repo.ownerNames(rows.map((r) => r.owner_id ?? 0)) : [],
      this.repo.repoCounts(ids),
      userId === undefined ? [] : this.repo.rolesOf(userId, ids),
    ]);
    const ownerName = new Map(owners.map((o) => [o.user_id, o.username]));
    const repoCount = new Map(repos.map((r) => [r.project_id, Number(r.n)]));
    return rows.map((row) => {
      const mine = roles.filter((r) => r.project_id === row.project_id).map((r) => r.role);
      const view = baseView(row, ctx, mine, repoCount.get(row.project_id) ?? 0);
      if (!detail) return view;
      const meta = Object.fromEntries(metadata.filter((m) => m.project_id === row.project_id).map((m) => [m.name, m.value]));
      return {
        ...view,
        owner_name: ownerName.get(row.owner_id ?? 0) ?? '',
        metadata: meta,
        cve_allowlist: { id: 0, project_id: row.project_id, items: [], creation_time: ZERO_TIME, update_time: ZERO_TIME },
      };
    });
  }
}

function baseView(row: ProjectRow, ctx: SecurityContext, roles: number[], repoCount: number): ProjectView {
  const role = highestRole(roles) ?? 0;
  return {
    project_id: row.project_id,
    owner_id: row.owner_id ?? 0,
    name: row.name,
    registry_id: row.registry_id,
    creation_time: row.creation_time,
    update_time: row.update_time,
    deleted: false,
    // Whether the caller may flip the project's visibility (the portal's toggle).
    togglable: ctx.isSysAdmin || role === 1,
    current_user_role_id: role,
    current_user_role_ids: ctx.userId === undefined ? null : roles,
    repo_count: repoCount,
  };
}
