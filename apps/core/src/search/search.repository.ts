import { Injectable } from '@nestjs/common';
import { escapeLike } from '@harbor-ts/api-query';
import { DataSource } from 'typeorm';
import { PROJECT_IS_PUBLIC } from '../auth/project-directory';

/** Who is searching, reduced to what decides visibility. */
export type Viewer = { kind: 'admin' } | { kind: 'member'; userId: number } | { kind: 'public' };

export interface ProjectRow {
  project_id: number;
  owner_id: number | null;
  owner_name: string | null;
  name: string;
  registry_id: number;
  creation_time: Date;
  update_time: Date;
  repo_count: number;
  role: number | null;
  metadata: Record<string, string> | null;
}

export interface RepositoryRow {
  project_id: number;
  project_name: string;
  project_public: boolean;
  repository_name: string;
  pull_count: number;
  artifact_count: number;
}

const IS_PUBLIC = PROJECT_IS_PUBLIC;

/**
 * The visibility rule of Harbor's search: a sysadmin sees every project, a user the public ones
 * and those they are a member of, anyone else (anonymous, robots) only the public ones.
 * The keyword is always $1; a member's user id is $2 (bound only for them, see params()).
 */
function visible(viewer: Viewer): string {
  if (viewer.kind === 'admin') return 'TRUE';
  if (viewer.kind === 'public') return IS_PUBLIC;
  return `(${IS_PUBLIC} OR EXISTS (SELECT 1 FROM project_member pm WHERE pm.project_id = p.project_id AND pm.entity_type = 'u' AND pm.entity_id = $2))`;
}

function params(viewer: Viewer, keyword: string): unknown[] {
  const pattern = `%${escapeLike(keyword)}%`;
  return viewer.kind === 'member' ? [pattern, viewer.userId] : [pattern];
}

/** The caller's own role in the project: only a member has one. */
function role(viewer: Viewer): string {
  if (viewer.kind !== 'member') return 'NULL::int';
  return `(SELECT pm.role FROM project_member pm WHERE pm.project_id = p.project_id AND pm.entity_type = 'u' AND pm.entity_id = $2)`;
}

@Injectable()
export class SearchRepository {
  constructor(private readonly db: DataSource) {}

  /** Visible projects whose name contains the keyword (case-insensitive, LIKE characters literal). */
  projects(viewer: Viewer, keyword: string): Promise<ProjectRow[]> {
    return this.db.query(
      `SELECT p.project_id, p.owner_id, u.username AS owner_name, p.name, p.registry_id, p.creation_time, p.update_time,
         (SELECT count(*)::int FROM repository r WHERE r.project_id = p.project_id) AS repo_count,
         ${role(viewer)} AS role,
         (SELECT json_object_agg(m.name, m.value) FROM project_metadata m WHERE m.project_id = p.project_id) AS metadata
       FROM project p LEFT JOIN harbor_user u ON u.user_id = p.owner_id
       WHERE p.name ILIKE $1 AND ${visible(viewer)}
       ORDER BY p.name`,
      params(viewer, keyword),
    );
  }

  /** Repositories of visible projects whose full name contains the keyword. */
  repositories(viewer: Viewer, keyword: string): Promise<RepositoryRow[]> {
    return this.db.query(
      `SELECT p.project_id, p.name AS project_name, ${IS_PUBLIC} AS project_public, r.name AS repository_name, r.pull_count,
         (SELECT count(*)::int FROM artifact a WHERE a.repository_id = r.repository_id) AS artifact_count
       FROM repository r JOIN project p ON p.project_id = r.project_id
       WHERE r.name ILIKE $1 AND ${visible(viewer)}
       ORDER BY r.name`,
      params(viewer, keyword),
    );
  }
}
