import { Body, Controller, Get, Param, Put, Req, Res } from '@nestjs/common';
import { parsePaging } from '@harbor-ts/api-query';
import type { Request, Response } from 'express';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { parseList, setListHeaders } from '../projects/list-query';
import { JobserviceDashboardService } from './jobservice-dashboard.service';

/** /api/v2.0/jobservice/* and /api/v2.0/schedules, Harbor's jobservice dashboard. */
@Controller('api/v2.0')
export class JobserviceDashboardController {
  constructor(private readonly dashboard: JobserviceDashboardService) {}

  @Get('jobservice/pools')
  pools(@Ctx() ctx: SecurityContext): Promise<unknown> {
    return this.dashboard.pools(ctx);
  }

  @Get('jobservice/pools/:pool_id/workers')
  workers(@Ctx() ctx: SecurityContext, @Param('pool_id') poolId: string): Promise<unknown> {
    return this.dashboard.workers(ctx, poolId);
  }

  @Put('jobservice/jobs/:job_id')
  stopJob(@Ctx() ctx: SecurityContext, @Param('job_id') jobId: string): Promise<void> {
    return this.dashboard.stopJob(ctx, jobId);
  }

  @Get('jobservice/jobs/:job_id/log')
  async jobLog(@Ctx() ctx: SecurityContext, @Param('job_id') jobId: string, @Res() res: Response): Promise<void> {
    const log = await this.dashboard.jobLog(ctx, jobId);
    res.type('text/plain').send(log);
  }

  @Get('jobservice/queues')
  queues(@Ctx() ctx: SecurityContext): Promise<unknown> {
    return this.dashboard.queues(ctx);
  }

  @Put('jobservice/queues/:job_type')
  queueAction(@Ctx() ctx: SecurityContext, @Param('job_type') jobType: string, @Body() body: unknown): Promise<void> {
    return this.dashboard.queueAction(ctx, jobType, body);
  }

  @Get('schedules')
  async schedules(@Ctx() ctx: SecurityContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<unknown> {
    const params = req.query as Record<string, string | undefined>;
    const paging = parseList(() => parsePaging({ page: params.page, page_size: params.page_size }));
    const page = await this.dashboard.schedulesPage(ctx, paging.offset, paging.limit);
    setListHeaders(req, res, paging, page.total);
    return page.items;
  }

  @Get('schedules/:job_type/paused')
  paused(@Ctx() ctx: SecurityContext, @Param('job_type') jobType: string): Promise<unknown> {
    return this.dashboard.schedulePaused(ctx, jobType);
  }
}
