import { Module } from '@nestjs/common';
import { HealthChecks } from './health.checks';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({ controllers: [HealthController], providers: [HealthService, HealthChecks] })
export class HealthModule {}
