import { Controller, Get, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { type GeneralInfo, SystemInfoService, type SystemVolumes } from './systeminfo.service';

@Controller()
export class SystemInfoController {
  constructor(private readonly systemInfo: SystemInfoService) {}

  @Get('api/v2.0/systeminfo')
  info(@Ctx() ctx: SecurityContext, @Req() req: Request): Promise<GeneralInfo> {
    // Express 5's req.protocol and req.host (with port) honour X-Forwarded-* from the loopback proxy.
    return this.systemInfo.info(ctx, `${req.protocol}://${req.host ?? 'localhost'}`);
  }

  @Get('api/v2.0/systeminfo/volumes')
  volumes(@Ctx() ctx: SecurityContext): Promise<SystemVolumes> {
    return this.systemInfo.volumes(ctx);
  }

  @Get('api/v2.0/systeminfo/getcert')
  certificate(): never {
    return this.systemInfo.caCertificate();
  }
}
