import { Module } from '@nestjs/common';
import { ArtifactRecorder } from '../artifacts/artifact-recorder';
import { LabelsModule } from '../labels/labels.module';
import { ProjectGuard } from '../repositories/project-guard';
import { StorageLedger } from '../v2/storage-ledger';
import { ArtifactCopyFlow } from './artifact-copy.flow';
import { ArtifactLabelsController } from './artifact-labels.controller';
import { ArtifactLabelsService } from './artifact-labels.service';
import { ArtifactCopyService } from './artifact-copy.service';
import { ArtifactRemover } from './artifact-remover';
import { ArtifactsController } from './artifacts.controller';
import { ArtifactsRepository } from './artifacts.repository';
import { ArtifactsService } from './artifacts.service';
import { TagsController } from './tags.controller';
import { TagsService } from './tags.service';

/**
 * Artifacts, tags and accessories of /projects/{p}/repositories/{r}/artifacts. ArtifactRecorder
 * and StorageLedger are stateless and provided here too, so this module does not depend on
 * whether SharedModule exports them.
 */
@Module({
  imports: [LabelsModule],
  controllers: [ArtifactsController, TagsController, ArtifactLabelsController],
  providers: [
    ArtifactsService, ArtifactsRepository, ArtifactRemover, ArtifactLabelsService, ArtifactCopyFlow, ArtifactCopyService, TagsService, ProjectGuard,
    ArtifactRecorder, StorageLedger,
  ],
  exports: [ArtifactRemover],
})
export class ArtifactsApiModule {}
