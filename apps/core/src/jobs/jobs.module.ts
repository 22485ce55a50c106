import { Global, Module } from '@nestjs/common';
import { JobLauncher } from './job-launcher';
import { JobserviceDashboardController } from './jobservice-dashboard.controller';
import { JobserviceDashboardService } from './jobservice-dashboard.service';
import { JobserviceLauncher } from './jobservice-launcher';
import { JobserviceConnection } from './jobservice-target';

/** Background jobs: JobLauncher for every feature (global), and the jobservice dashboard API. */
@Global()
@Module({
  controllers: [JobserviceDashboardController],
  providers: [JobserviceConnection, JobserviceDashboardService, { provide: JobLauncher, useClass: JobserviceLauncher }],
  exports: [JobLauncher],
})
export class JobsModule {}
