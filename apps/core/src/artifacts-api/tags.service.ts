import { Injectable } from '@nestjs/common';
import { type FieldSpec, toSql } from '@harbor-ts/api-query';
import { DataSource } from 'typeorm';
import { AuditLogWriter } from '../audit/audit-log.writer';
import type { ProjectRef } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { ImmutableTagGuard } from '../immutable/immutable-tag.guard';
import type { ListRequest } from '../projects/list-query';
import type { AccessoryRow, TagRow } from './artifact.rows';
import { toAccessoryView, toTagView } from './artifact.view';
import { ArtifactsService } from './artifacts.service';

export const TAG_FIELDS: FieldSpec = { name: { type: 'string' }, id: { type: 'int' }, push_time: { type: 'time' }, pull_time: { type: 'time' } };
const TAG_COLUMNS = { name: 't.name', id: 't.id', push_time: `(t.push_time AT TIME ZONE 'UTC')`, pull_time: `(t.pull_time AT TIME ZONE 'UTC')` };
export const TAG_SORTS = { id: 't.id', name: 't.name', push_time: 't.push_time', pull_time: 't.pull_time' };
export const ACCESSORY_FIELDS: FieldSpec = { type: { type: 'string' }, digest: { type: 'string' }, id: { type: 'int' } };
const ACCESSORY_COLUMNS = { type: 'x.type', digest: 'x.digest', id: 'x.id' };
export const ACCESSORY_SORTS = { id: 'x.id', creation_time: 'x.creation_time', type: 'x.type', size: 'x.size' };

/** Harbor's tag rule (the distribution spec's tag grammar). */
const TAG_NAME = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;

type Page = { items: Record<string, unknown>[]; total: number };

/** Tags and accessories of one artifact. Tags are rows: deleting one never touches another. */
@Injectable()
export class TagsService {
  constructor(
    private readonly db: DataSource,
    private readonly artifacts: ArtifactsService,
    private readonly audit: AuditLogWriter,
    private readonly immutable: ImmutableTagGuard,
  ) {}

  async list(repositoryName: string, reference: string, list: ListRequest): Promise<Page> {
    const art = await this.artifacts.resolve(repositoryName, reference);
    const rows = await this.page<TagRow>('tag t', 't.artifact_id', art.id, TAG_COLUMNS, list);
    return { items: rows.items.map((t) => toTagView(t, this.immutable.isImmutable(art.project_id, repositoryName, t.name))), total: rows.total };
  }

  async accessories(repositoryName: string, reference: string, list: ListRequest): Promise<Page> {
    const art = await this.artifacts.resolve(repositoryName, reference);
    const rows = await this.page<AccessoryRow>('artifact_accessory x', 'x.subject_artifact_id', art.id, ACCESSORY_COLUMNS, list);
    return { items: rows.items.map(toAccessoryView), total: rows.total };
  }

  /** 400 for a name outside the tag grammar, 409 when the repository already has the tag. */
  async create(ctx: SecurityContext, project: ProjectRef, repositoryName: string, reference: string, name: string): Promise<void> {
    const art = await this.artifacts.resolve(repositoryName, reference);
    if (!TAG_NAME.test(name)) throw HarborError.badRequest(`invalid tag name: ${name}`);
    await this.db.transaction(async (tx) => {
      // The repository row before the tag's, the order pushes and the pull recorder lock them in.
      await tx.query(`UPDATE repository SET update_time = now() WHERE repository_id = $1`, [art.repository_id]);
      const rows: unknown[] = await tx.query(
        `INSERT INTO tag (repository_id, artifact_id, name) VALUES ($1, $2, $3) ON CONFLICT (repository_id, name) DO NOTHING RETURNING id`,
        [art.repository_id, art.id, name],
      );
      if (rows.length === 0) throw HarborError.conflict(`tag ${name} already exists under the repository ${art.repository_id}`);
      await this.audit.write(tagEntry(ctx, project, 'create', `${repositoryName}:${name}`), tx);
    });
  }

  async delete(ctx: SecurityContext, project: ProjectRef, repositoryName: string, reference: string, name: string): Promise<void> {
    const art = await this.artifacts.resolve(repositoryName, reference);
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE repository SET update_time = now() WHERE repository_id = $1`, [art.repository_id]); // repository first, as in create
      const rows: unknown[] = await tx.query(`WITH d AS (DELETE FROM tag WHERE artifact_id = $1 AND name = $2 RETURNING id) SELECT id FROM d`, [art.id, name]);
      if (rows.length === 0) throw HarborError.notFound(`tag ${name} attached to artifact ${art.id} not found`);
      this.immutable.refuseTagDelete(project, repositoryName, name); // 412, and the delete rolls back
      await this.audit.write(tagEntry(ctx, project, 'delete', `${repositoryName}:${name}`), tx);
    });
  }

  private async page<T>(from: string, owner: string, artifactId: number, columns: Record<string, string>, list: ListRequest): Promise<{ items: T[]; total: number }> {
    const q = toSql(list.query, columns, 2);
    const where = `WHERE ${owner} = $1 AND ${q.where}`;
    const params = [artifactId, ...q.params];
    const [items, counted] = await Promise.all([
      this.db.query(`SELECT * FROM ${from} ${where} ${list.orderBy} LIMIT ${list.paging.limit} OFFSET ${list.paging.offset}`, params) as Promise<T[]>,
      this.db.query(`SELECT count(*)::int AS total FROM ${from} ${where}`, params) as Promise<{ total: number }[]>,
    ]);
    return { items, total: counted[0].total };
  }
}

function tagEntry(ctx: SecurityContext, project: ProjectRef, operation: 'create' | 'delete', resource: string) {
  return { projectId: project.id, operation, resourceType: 'tag', resource, description: `${operation} tag: ${resource}`, username: ctx.name };
}
