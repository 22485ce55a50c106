import { Controller, Get } from '@nestjs/common';
import { HealthService, type OverallHealthStatus } from './health.service';

@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** No authentication, as in Harbor: load balancers probe it. */
  @Get('api/v2.0/health')
  get(): Promise<OverallHealthStatus> {
    return this.health.overall();
  }
}
