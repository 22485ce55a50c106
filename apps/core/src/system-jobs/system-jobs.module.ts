import { Module } from '@nestjs/common';
import { GcController } from './gc.controller';
import { LaunchLock } from './launch-lock';
import { PurgeAuditController } from './purge-audit.controller';
import { SystemJobsService } from './system-jobs.service';

/** /api/v2.0/system/gc and /system/purgeaudit; jobs start through the global JobLauncher. */
@Module({ controllers: [GcController, PurgeAuditController], providers: [SystemJobsService, LaunchLock] })
export class SystemJobsModule {}
