import { Controller, Get } from '@nestjs/common';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { type Statistic, StatisticsService } from './statistics.service';

@Controller()
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('api/v2.0/statistics')
  get(@Ctx() ctx: SecurityContext): Promise<Statistic> {
    return this.statistics.get(ctx);
  }
}
