import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface EventProject {
  name: string;
  public: boolean;
  repositoryCreated?: Date;
}

/** What event dispatch reads besides the policies: the project, tags, quota and settings. */
@Injectable()
export class WebhookEventRepository {
  constructor(private readonly db: DataSource) {}

  async project(projectId: number, repository?: string): Promise<EventProject | undefined> {
    const rows: { name: string; public: boolean; created: Date | null }[] = await this.db.query(
      `SELECT p.name, EXISTS (SELECT 1 FROM project_metadata m WHERE m.project_id = p.project_id AND m.name = 'public' AND m.value = 'true') AS public,
         (SELECT r.creation_time FROM repository r WHERE r.name = $2) AS created
       FROM project p WHERE p.project_id = $1`,
      [projectId, repository ?? null],
    );
    const row = rows[0];
    return row && { name: row.name, public: row.public, ...(row.created ? { repositoryCreated: row.created } : {}) };
  }

  /** Tags of each artifact, keyed by digest (read before a delete takes them away). */
  async tagsOf(repository: string, digests: readonly string[]): Promise<Map<string, string[]>> {
    const rows: { digest: string; name: string }[] = await this.db.query(
      `SELECT a.digest, t.name FROM artifact a JOIN tag t ON t.artifact_id = a.id WHERE a.repository_name = $1 AND a.digest = ANY($2::varchar[]) ORDER BY t.name`,
      [repository, digests],
    );
    const tags = new Map<string, string[]>(digests.map((d) => [d, []]));
    for (const r of rows) tags.get(r.digest)?.push(r.name);
    return tags;
  }

  /** The project's storage quota and usage with the size of one artifact in it. */
  async usage(projectId: number, repository: string, digest: string): Promise<{ hard: number; used: number; artifactSize: number } | undefined> {
    const rows: { hard: string; used: string; size: string | null }[] = await this.db.query(
      `SELECT q.hard_storage AS hard, q.used_storage AS used, (SELECT a.size FROM artifact a WHERE a.repository_name = $2 AND a.digest = $3) AS size
       FROM quota q WHERE q.reference = 'project' AND q.reference_id = $1`,
      [String(projectId), repository, digest],
    );
    const row = rows[0];
    return row && { hard: Number(row.hard), used: Number(row.used), artifactSize: Number(row.size ?? 0) };
  }

  /** The notification_enable setting (Harbor's default: on); stored as text in `properties`. */
  async notificationEnabled(): Promise<boolean> {
    const rows: { v: string }[] = await this.db.query(`SELECT v FROM properties WHERE k = 'notification_enable'`);
    return rows.length === 0 || !/^"?false"?$/i.test(rows[0].v.trim());
  }
}
