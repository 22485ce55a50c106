import { Module } from '@nestjs/common';
import { RetentionController } from './retention.controller';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

/** /api/v2.0/retentions: tag retention policies and their executions (JobLauncher comes from the global JobsModule). */
@Module({
  controllers: [RetentionController],
  providers: [RetentionService, RetentionRepository],
})
export class RetentionModule {}
