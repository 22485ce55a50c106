import { Injectable } from '@nestjs/common';
import { linkHeader, parsePaging, parseQuery, type QueryParams, type RawParam } from '@harbor-ts/api-query';
import { isProjectRoleId, roleCan } from '@harbor-ts/rbac';
import { AccessService, denied } from '../auth/access.service';
import { ProjectDirectory } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { AUDIT_QUERY_FIELDS, AuditLogRepository, type AuditScope, MembershipRepository } from './audit-log.repository';
import { type AuditLogView, type AuditShape, toAuditLogExtView, toAuditLogView } from './audit-log.view';
import { AUDIT_EVENT_TYPES } from './event-types';

/** A list request as received: the list parameters plus what the Link header is built from. */
export interface AuditListRequest {
  q?: string;
  sort?: string;
  page?: RawParam;
  page_size?: RawParam;
  path: string;
  query: QueryParams;
}

export interface AuditListPage {
  items: AuditLogView[];
  total: number;
  link: string;
}

@Injectable()
export class AuditLogService {
  constructor(
    private readonly logs: AuditLogRepository,
    private readonly members: MembershipRepository,
    private readonly projects: ProjectDirectory,
    private readonly access: AccessService,
  ) {}

  /** /audit-logs and /auditlog-exts: everything for holders of audit-log:list, else own projects. */
  async listAll(ctx: SecurityContext, req: AuditListRequest, shape: AuditShape): Promise<AuditListPage> {
    this.access.requireAuthenticated(ctx);
    return this.page(await this.scopeOf(ctx), req, shape);
  }

  /** /projects/{project_name}/logs and .../auditlog-exts: log:list on that project. */
  async listProject(ctx: SecurityContext, projectName: string, req: AuditListRequest, shape: AuditShape): Promise<AuditListPage> {
    const project = await this.projects.byName(projectName);
    // Only a caller who could read any project's logs learns that this one does not exist.
    if (!project) throw ctx.isSysAdmin ? HarborError.notFound(`project ${projectName} not found`) : denied(ctx);
    await this.access.require(ctx, project, 'log', 'list');
    return this.page({ kind: 'projects', ids: [project.id] }, req, shape);
  }

  eventTypes(ctx: SecurityContext): { event_type: string }[] {
    this.access.requireSystem(ctx, 'audit-log', 'list');
    return AUDIT_EVENT_TYPES.map((event_type) => ({ event_type }));
  }

  /**
   * Harbor widens the view by membership for local users only: the projects where their role
   * grants log:list. Robots without the system permission see nothing.
   */
  private async scopeOf(ctx: SecurityContext): Promise<AuditScope> {
    if (this.access.canSystem(ctx, 'audit-log', 'list')) return { kind: 'all' };
    const userId = ctx.userId;
    if (userId === undefined) return { kind: 'projects', ids: [] };
    const roles = await this.members.roles(userId);
    const ids = roles.filter((m) => isProjectRoleId(m.role) && roleCan(m.role, 'log', 'list')).map((m) => m.project_id);
    return { kind: 'projects', ids };
  }

  private async page(scope: AuditScope, req: AuditListRequest, shape: AuditShape): Promise<AuditListPage> {
    const query = parseQuery(req.q, AUDIT_QUERY_FIELDS);
    const paging = parsePaging({ page: req.page, page_size: req.page_size });
    const { rows, total } = await this.logs.list(scope, query, req.sort, paging);
    const items = rows.map(shape === 'ext' ? toAuditLogExtView : toAuditLogView);
    return { items, total, link: linkHeader(req.path, req.query, paging.page, paging.pageSize, total) };
  }
}
