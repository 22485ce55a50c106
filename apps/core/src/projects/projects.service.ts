import { Injectable } from '@nestjs/common';
import type { ProjectRef } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';
import { AuditLogWriter } from '../audit/audit-log.writer';
import { HarborError } from '../common/harbor-error';
import { JobLauncher } from '../jobs/job-launcher';
import type { ListRequest } from './list-query';
import { ProjectAccess } from './project-access';
import { type Visibility, projectWhere } from './project-list';
import { type ProjectReq, requestedMetadata } from './project.dto';
import { type ProjectView, ProjectViews } from './project-view';
import { ProjectsRepository } from './projects.repository';

export interface ListProjectsParams {
  name?: string;
  owner?: string;
  public?: boolean;
  withDetail: boolean;
}

const NOT_EMPTY = 'the project contains repositories, can not be deleted';

/** Reading, updating and deleting projects; creation lives in ProjectCreateService. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly repo: ProjectsRepository,
    private readonly projects: ProjectAccess,
    private readonly views: ProjectViews,
    private readonly audit: AuditLogWriter,
    private readonly jobs: JobLauncher,
  ) {}

  async list(ctx: SecurityContext, list: ListRequest, params: ListProjectsParams): Promise<{ total: number; items: ProjectView[] }> {
    // Anonymous callers asking for private projects get nothing, without a query.
    if (!ctx.isAuthenticated && params.public === false) return { total: 0, items: [] };
    const where = projectWhere({ query: list.query, name: params.name, owner: params.owner, public: params.public, visibility: visibility(ctx) });
    const total = await this.repo.count(where);
    if (total === 0) return { total, items: [] };
    const rows = await this.repo.list(where, list.orderBy, list.paging.limit, list.paging.offset);
    return { total, items: await this.views.build(ctx, rows, params.withDetail) };
  }

  /** HEAD /projects?project_name=: 404 when free, so anyone creating a project can check. */
  async head(ctx: SecurityContext, name: string | undefined): Promise<void> {
    if (!name) throw HarborError.badRequest('project_name is required');
    if (!(await this.repo.existsByName(name))) throw HarborError.notFound(`project ${name} not found`);
    await this.projects.require(ctx, name, true, 'project', 'read');
  }

  async get(ctx: SecurityContext, nameOrId: string, isName: boolean): Promise<ProjectView> {
    const ref = await this.projects.require(ctx, nameOrId, isName, 'project', 'read');
    return (await this.views.build(ctx, [await this.row(ref)]))[0];
  }

  async update(ctx: SecurityContext, nameOrId: string, isName: boolean, req: ProjectReq): Promise<void> {
    const ref = await this.projects.require(ctx, nameOrId, isName, 'project', 'update');
    if (req.retention_days !== undefined && req.retention_days !== null) {
      throw HarborError.badRequest('retention_days is only supported when creating a proxy cache project');
    }
    if (req.metadata?.retention_id) {
      throw HarborError.badRequest("the retention_id in the request's payload when updating a project should be omitted, alternatively passing the one that has already been associated to this project");
    }
    const metadata = requestedMetadata(req);
    await this.repo.transaction(async (tx) => {
      await this.repo.upsertMetadata(ref.id, metadata, tx);
      await this.audit.write({ projectId: ref.id, operation: 'update', resourceType: 'project', resource: ref.name, username: ctx.name }, tx);
    });
  }

  async deletable(ctx: SecurityContext, nameOrId: string, isName: boolean): Promise<{ deletable: boolean; message?: string }> {
    const ref = await this.projects.require(ctx, nameOrId, isName, 'project', 'delete');
    return this.deletableRef(ref);
  }

  async delete(ctx: SecurityContext, nameOrId: string, isName: boolean): Promise<void> {
    const ref = await this.projects.require(ctx, nameOrId, isName, 'project', 'delete');
    const check = await this.deletableRef(ref);
    if (!check.deletable) throw HarborError.precondition(NOT_EMPTY);
    const { retentionPolicyIds } = await this.repo.transaction(async (tx) => {
      const removed = await this.repo.delete(tx, ref.id);
      await this.audit.write({ projectId: ref.id, operation: 'delete', resourceType: 'project', resource: ref.name, username: ctx.name }, tx);
      return removed;
    }).catch((err: unknown) => {
      // A repository pushed after the check: the foreign key refuses, as the check would have.
      if ((err as { code?: string }).code === '23503') throw HarborError.precondition(NOT_EMPTY);
      throw err;
    });
    // The rows are gone; this makes jobservice drop the schedulers now rather than at its next start.
    for (const id of retentionPolicyIds) await this.jobs.setSchedule('RETENTION', id, { type: 'None', cron: '' }, {});
  }

  private async deletableRef(ref: ProjectRef): Promise<{ deletable: boolean; message?: string }> {
    const counts = await this.repo.repoCounts([ref.id]);
    return counts.length > 0 ? { deletable: false, message: NOT_EMPTY } : { deletable: true };
  }

  private async row(ref: ProjectRef) {
    const row = await this.repo.byId(ref.id);
    if (!row) throw HarborError.notFound(`project ${ref.id} not found`);
    return row;
  }
}

/** Harbor's list scoping: admins see all, users public + theirs, robots public + their namespaces. */
function visibility(ctx: SecurityContext): Visibility {
  const p = ctx.principal;
  if (ctx.isSysAdmin) return { kind: 'all' };
  if (p.kind === 'user') return { kind: 'member', userId: p.user.id };
  if (p.kind === 'robot') {
    const projectPerms = p.robot.permissions.filter((perm) => perm.kind === 'project');
    if (projectPerms.some((perm) => perm.namespace === '*')) return { kind: 'all' };
    return { kind: 'names', names: projectPerms.map((perm) => perm.namespace) };
  }
  return { kind: 'public' };
}
