import { Module } from '@nestjs/common';
import { ProjectAccess } from './project-access';
import { ProjectCreateService } from './project-create.service';
import { ProjectMetadataController } from './project-metadata.controller';
import { ProjectMetadataService } from './project-metadata.service';
import { ProjectSummaryService } from './project-summary.service';
import { ProjectViews } from './project-view';
import { ProjectsController } from './projects.controller';
import { ProjectsRepository } from './projects.repository';
import { ProjectsService } from './projects.service';

/** /api/v2.0/projects: projects, their metadata, summary and deletion. */
@Module({
  controllers: [ProjectsController, ProjectMetadataController],
  providers: [ProjectAccess, ProjectsRepository, ProjectViews, ProjectsService, ProjectCreateService, ProjectSummaryService, ProjectMetadataService],
  exports: [ProjectAccess],
})
export class ProjectsModule {}
