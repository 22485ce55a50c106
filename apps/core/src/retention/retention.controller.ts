import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { parseBody } from '../common/parse-body';
import { requestPath } from '../artifacts-api/request-params';
import { historyPaging, sendLog, sendPage } from '../system-jobs/system-job-http';
import { operateBody, parsePathId, parsePolicy, triggerBody } from './retention.dto';
import { RetentionService } from './retention.service';

const BASE = 'api/v2.0/retentions';

@Controller()
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get(`${BASE}/metadatas`)
  metadata(@Ctx() ctx: SecurityContext): unknown {
    return this.retention.metadata(ctx);
  }

  @Post(BASE)
  async create(@Ctx() ctx: SecurityContext, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const id = await this.retention.create(ctx, parsePolicy(body));
    res.status(201).setHeader('Location', `${requestPath(req)}/${id}`);
  }

  @Get(`${BASE}/:id`)
  get(@Ctx() ctx: SecurityContext, @Param('id') id: string): Promise<unknown> {
    return this.retention.get(ctx, parsePathId('id', id));
  }

  @Put(`${BASE}/:id`)
  update(@Ctx() ctx: SecurityContext, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    return this.retention.update(ctx, parsePathId('id', id), parsePolicy(body));
  }

  @Delete(`${BASE}/:id`)
  delete(@Ctx() ctx: SecurityContext, @Param('id') id: string): Promise<void> {
    return this.retention.delete(ctx, parsePathId('id', id));
  }

  @Post(`${BASE}/:id/executions`)
  async trigger(@Ctx() ctx: SecurityContext, @Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const dryRun = parseBody(triggerBody, body ?? {}).dry_run === true;
    const executionId = await this.retention.trigger(ctx, parsePathId('id', id), dryRun);
    res.status(201).setHeader('Location', `${requestPath(req)}/${executionId}`);
  }

  @Get(`${BASE}/:id/executions`)
  async executions(@Ctx() ctx: SecurityContext, @Param('id') id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<unknown[]> {
    const paging = historyPaging(req);
    return sendPage(req, res, paging, await this.retention.executions(ctx, parsePathId('id', id), paging));
  }

  @Patch(`${BASE}/:id/executions/:eid`)
  stop(@Ctx() ctx: SecurityContext, @Param('id') id: string, @Param('eid') eid: string, @Body() body: unknown): Promise<void> {
    return this.retention.stop(ctx, parsePathId('id', id), parsePathId('eid', eid), parseBody(operateBody, body).action);
  }

  @Get(`${BASE}/:id/executions/:eid/tasks`)
  async tasks(@Ctx() ctx: SecurityContext, @Param('id') id: string, @Param('eid') eid: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<unknown[]> {
    const paging = historyPaging(req);
    return sendPage(req, res, paging, await this.retention.tasks(ctx, parsePathId('id', id), parsePathId('eid', eid), paging));
  }

  @Get(`${BASE}/:id/executions/:eid/tasks/:tid`)
  async taskLog(@Ctx() ctx: SecurityContext, @Param('id') id: string, @Param('eid') eid: string, @Param('tid') tid: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    return sendLog(res, await this.retention.taskLog(ctx, parsePathId('id', id), parsePathId('eid', eid), parsePathId('tid', tid)));
  }
}
