import { Body, Controller, Get, HttpCode, Put } from '@nestjs/common';
import { AccessService, denied } from '../auth/access.service';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { ConfigurationsService, type ConfigurationsView } from './configurations.service';

/** Harbor checks the system "configuration" resource, which only a system admin holds. */
@Controller()
export class ConfigurationsController {
  constructor(
    private readonly configurations: ConfigurationsService,
    private readonly access: AccessService,
  ) {}

  @Get('api/v2.0/configurations')
  get(@Ctx() ctx: SecurityContext): Promise<ConfigurationsView> {
    this.requireAdmin(ctx);
    return this.configurations.view();
  }

  @Put('api/v2.0/configurations')
  @HttpCode(200)
  async update(@Ctx() ctx: SecurityContext, @Body() body: unknown): Promise<void> {
    this.requireAdmin(ctx);
    await this.configurations.update(ctx, body);
  }

  private requireAdmin(ctx: SecurityContext): void {
    this.access.requireAuthenticated(ctx);
    if (!ctx.isSysAdmin) throw denied(ctx);
  }
}
