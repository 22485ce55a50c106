import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { linkHeader } from '@harbor-ts/api-query';
import type { Request, Response } from 'express';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { parseBody } from '../common/parse-body';
import { parseRobotId, robotCreateSchema, robotSecSchema, robotUpdateSchema } from './robot.dto';
import { type RobotView } from './robot.model';
import { parseRobotList, type RobotListParams } from './robot-query';
import { type RobotCreated, RobotService } from './robot.service';

const BASE = 'api/v2.0/robots';

/** /api/v2.0/robots: Harbor's robot account API. Anonymous callers get 401 before any body check. */
@Controller()
export class RobotsController {
  constructor(private readonly robots: RobotService) {}

  @Post(BASE)
  async create(@Ctx() ctx: SecurityContext, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<RobotCreated> {
    authenticated(ctx);
    const created = await this.robots.create(ctx, parseBody(robotCreateSchema, body));
    res.status(201).setHeader('Location', `${req.path.replace(/\/$/, '')}/${created.id}`);
    return created;
  }

  @Get(BASE)
  async list(@Ctx() ctx: SecurityContext, @Query() params: RobotListParams, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<RobotView[]> {
    authenticated(ctx);
    const request = parseRobotList(params);
    const { total, items } = await this.robots.list(ctx, request);
    res.setHeader('X-Total-Count', String(total));
    const link = linkHeader(req.path, req.query as Record<string, string>, request.paging.page, request.paging.pageSize, total);
    if (link) res.setHeader('Link', link);
    return items;
  }

  @Get(`${BASE}/:id`)
  get(@Ctx() ctx: SecurityContext, @Param('id') id: string): Promise<RobotView> {
    authenticated(ctx);
    return this.robots.get(ctx, parseRobotId(id));
  }

  @Put(`${BASE}/:id`)
  @HttpCode(200)
  update(@Ctx() ctx: SecurityContext, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    authenticated(ctx);
    return this.robots.update(ctx, parseRobotId(id), parseBody(robotUpdateSchema, body));
  }

  @Patch(`${BASE}/:id`)
  @HttpCode(200)
  refresh(@Ctx() ctx: SecurityContext, @Param('id') id: string, @Body() body: unknown): Promise<{ secret?: string }> {
    authenticated(ctx);
    return this.robots.refreshSecret(ctx, parseRobotId(id), parseBody(robotSecSchema, body ?? {}));
  }

  @Delete(`${BASE}/:id`)
  @HttpCode(200)
  delete(@Ctx() ctx: SecurityContext, @Param('id') id: string): Promise<void> {
    authenticated(ctx);
    return this.robots.delete(ctx, parseRobotId(id));
  }
}

function authenticated(ctx: SecurityContext): void {
  if (!ctx.isAuthenticated) throw HarborError.unauthorized();
}
