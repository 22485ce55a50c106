import { Body, Controller, Get, Param, Post, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import type { JobHistoryView } from './job-history.view';
import { historyPaging, parseJobId, sendLog, sendPage, sendScheduled } from './system-job-http';
import { PURGE_AUDIT_JOB } from './system-job-kinds';
import { SystemJobsService } from './system-jobs.service';

/** Harbor's /system/purgeaudit (the audit-log purge): history, one run, stop, log, schedule. */
@Controller('api/v2.0/system/purgeaudit')
export class PurgeAuditController {
  constructor(private readonly jobs: SystemJobsService) {}

  @Get()
  async history(@Ctx() ctx: SecurityContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<JobHistoryView[]> {
    const paging = historyPaging(req);
    return sendPage(req, res, paging, await this.jobs.history(ctx, PURGE_AUDIT_JOB, paging));
  }

  @Get('schedule')
  schedule(@Ctx() ctx: SecurityContext): Promise<unknown> {
    return this.jobs.schedule(ctx, PURGE_AUDIT_JOB);
  }

  @Post('schedule')
  async createSchedule(@Ctx() ctx: SecurityContext, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    sendScheduled(req, res, 201, await this.jobs.setSchedule(ctx, PURGE_AUDIT_JOB, body, 'create'));
  }

  @Put('schedule')
  async updateSchedule(@Ctx() ctx: SecurityContext, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    sendScheduled(req, res, 200, await this.jobs.setSchedule(ctx, PURGE_AUDIT_JOB, body, 'update'));
  }

  @Get(':purge_id')
  get(@Ctx() ctx: SecurityContext, @Param('purge_id') id: string): Promise<JobHistoryView> {
    return this.jobs.get(ctx, PURGE_AUDIT_JOB, parseJobId('purge_id', id));
  }

  @Put(':purge_id')
  stop(@Ctx() ctx: SecurityContext, @Param('purge_id') id: string): Promise<void> {
    return this.jobs.stop(ctx, PURGE_AUDIT_JOB, parseJobId('purge_id', id));
  }

  @Get(':purge_id/log')
  async log(@Ctx() ctx: SecurityContext, @Param('purge_id') id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    return sendLog(res, await this.jobs.log(ctx, PURGE_AUDIT_JOB, parseJobId('purge_id', id)));
  }
}
