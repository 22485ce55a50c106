import { Body, Controller, Delete, Get, Param, Post, Put, Req, Res } from '@nestjs/common';
import type { FieldSpec } from '@harbor-ts/api-query';
import type { Request, Response } from 'express';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { parseBody } from '../common/parse-body';
import { listRequest, setListHeaders } from '../projects/list-query';
import { requestPath } from '../artifacts-api/request-params';
import { labelCreateSchema, labelUpdateSchema, parseLabelId } from './label.dto';
import { type ListParams, LabelsService } from './labels.service';

const LABEL_FIELDS: FieldSpec = {
  id: { type: 'int' },
  name: { type: 'string' },
  description: { type: 'string' },
  color: { type: 'string' },
  scope: { type: 'string' },
  project_id: { type: 'int' },
};
const LABEL_SORTS = { id: 'l.id', name: 'l.name', creation_time: 'l.creation_time', update_time: 'l.update_time' };
// Harbor's ORM sorts by -creation_time when no sort is given; id breaks ties.
const LABEL_DEFAULT_SORT = '-creation_time,-id';

function one(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[value.length - 1] : value;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function listParams(req: Request): ListParams {
  const projectId = one(req.query.project_id);
  if (projectId !== undefined && !/^-?[0-9]+$/.test(projectId)) throw HarborError.badRequest(`project_id in query must be of type int64: "${projectId}"`);
  return { scope: one(req.query.scope), projectId: projectId === undefined ? undefined : Number(projectId), name: one(req.query.name) };
}

@Controller()
export class LabelsController {
  constructor(private readonly labels: LabelsService) {}

  @Get('api/v2.0/labels')
  async list(@Ctx() ctx: SecurityContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<unknown[]> {
    const list = listRequest(req, LABEL_FIELDS, LABEL_SORTS, LABEL_DEFAULT_SORT);
    const page = await this.labels.list(ctx, listParams(req), list);
    setListHeaders(req, res, list.paging, page.total);
    return page.items;
  }

  @Post('api/v2.0/labels')
  async create(@Ctx() ctx: SecurityContext, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const id = await this.labels.create(ctx, parseBody(labelCreateSchema, body));
    res.status(201).setHeader('Location', `${requestPath(req)}/${id}`);
  }

  @Get('api/v2.0/labels/:label_id')
  get(@Ctx() ctx: SecurityContext, @Param('label_id') id: string): Promise<unknown> {
    return this.labels.get(ctx, parseLabelId(id));
  }

  @Put('api/v2.0/labels/:label_id')
  update(@Ctx() ctx: SecurityContext, @Param('label_id') id: string, @Body() body: unknown): Promise<void> {
    return this.labels.update(ctx, parseLabelId(id), parseBody(labelUpdateSchema, body));
  }

  @Delete('api/v2.0/labels/:label_id')
  delete(@Ctx() ctx: SecurityContext, @Param('label_id') id: string): Promise<void> {
    return this.labels.delete(ctx, parseLabelId(id));
  }
}
