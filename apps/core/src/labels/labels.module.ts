import { Module } from '@nestjs/common';
import { LabelAccess } from './label-access';
import { LabelsController } from './labels.controller';
import { LabelsRepository } from './labels.repository';
import { LabelsService } from './labels.service';

/** /api/v2.0/labels. Exports what the artifact API needs to attach and show labels. */
@Module({
  controllers: [LabelsController],
  providers: [LabelsService, LabelsRepository, LabelAccess],
  exports: [LabelsService, LabelsRepository],
})
export class LabelsModule {}
