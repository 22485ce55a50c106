import { Module } from '@nestjs/common';
import { ConfigurationsController } from './configurations.controller';
import { ConfigurationsRepository } from './configurations.repository';
import { ConfigurationsService } from './configurations.service';

/** /api/v2.0/configurations, and ConfigurationsService for every module that reads a setting. */
@Module({
  controllers: [ConfigurationsController],
  providers: [ConfigurationsService, ConfigurationsRepository],
  exports: [ConfigurationsService],
})
export class ConfigurationsModule {}
