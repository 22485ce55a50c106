import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { QueryParams } from '@harbor-ts/api-query';
import type { Request, Response } from 'express';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { type AuditListPage, type AuditListRequest, AuditLogService } from './audit-log.service';
import type { AuditLogView } from './audit-log.view';
import { QueryErrorFilter } from './query-error.filter';

@Controller()
@UseFilters(QueryErrorFilter)
export class AuditLogController {
  constructor(private readonly audit: AuditLogService) {}

  @Get('api/v2.0/audit-logs')
  async legacy(@Ctx() ctx: SecurityContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AuditLogView[]> {
    return send(res, await this.audit.listAll(ctx, listRequest(req), 'legacy'));
  }

  @Get('api/v2.0/auditlog-exts')
  async ext(@Ctx() ctx: SecurityContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AuditLogView[]> {
    return send(res, await this.audit.listAll(ctx, listRequest(req), 'ext'));
  }

  @Get('api/v2.0/auditlog-exts/events')
  events(@Ctx() ctx: SecurityContext): { event_type: string }[] {
    return this.audit.eventTypes(ctx);
  }

  @Get('api/v2.0/projects/:project_name/logs')
  async projectLegacy(
    @Ctx() ctx: SecurityContext,
    @Param('project_name') project: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuditLogView[]> {
    return send(res, await this.audit.listProject(ctx, project, listRequest(req), 'legacy'));
  }

  @Get('api/v2.0/projects/:project_name/auditlog-exts')
  async projectExt(
    @Ctx() ctx: SecurityContext,
    @Param('project_name') project: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuditLogView[]> {
    return send(res, await this.audit.listProject(ctx, project, listRequest(req), 'ext'));
  }
}

function listRequest(req: Request): AuditListRequest {
  const query = req.query as QueryParams;
  return {
    q: last(query.q),
    sort: last(query.sort),
    page: query.page,
    page_size: query.page_size,
    // The path as received (still percent-encoded), which Harbor's Link header repeats.
    path: req.originalUrl.split('?')[0],
    query,
  };
}

/** A repeated parameter counts by its last value, as in go-swagger. */
function last(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[value.length - 1];
}

function send(res: Response, page: AuditListPage): AuditLogView[] {
  res.setHeader('X-Total-Count', String(page.total));
  if (page.link) res.setHeader('Link', page.link);
  return page.items;
}
